#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Inside the Debian 13 chroot (tools/modern-chroot.sh run): build the tree in
# its own build dir with ASan/UBSan, as `make test` does, and run every suite
# under Xvfb with a session bus, except 'modern' (run from the host).
#
#   tools/modern-build-test.sh BUILD_DIR [MESON_TEST_ARGS...]
set -uo pipefail
build=$1
shift

echo "test-modern: $(. /etc/os-release && echo "$PRETTY_NAME"):" \
  "$(dpkg-query -W -f='SQLCipher ${Version}' libsqlcipher-dev)," \
  "$(dpkg-query -W -f='GTK ${Version}' libgtk-4-dev)," \
  "$(dpkg-query -W -f='libadwaita ${Version}' libadwaita-1-dev)," \
  "$(dpkg-query -W -f='GLib ${Version}' libglib2.0-dev)," \
  "$(dpkg-query -W -f='json-glib ${Version}' libjson-glib-dev)"

start=$SECONDS
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false || exit 1
fi
ninja -C "$build" || exit 1
echo "test-modern: built in $((SECONDS - start)) s"

start=$SECONDS
rm -f "$build/meson-logs/testlog.json"
# Run under `nice -n 10` on cores shared with other work: the timeouts of
# tests/meson.build are scaled rather than failing a slow but sound run.
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
  meson test -C "$build" --print-errorlogs --num-processes 2 --timeout-multiplier 3 \
  --no-suite modern "$@"
status=$?
echo "test-modern: tests ran in $((SECONDS - start)) s"
exit $status
