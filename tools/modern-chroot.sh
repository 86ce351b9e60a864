#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian 13 ("trixie") chroot of `make test-modern`: SQLCipher 4.6.1,
# GTK 4.18, libadwaita 1.7, GLib 2.84, json-glib 1.10 — the library generation
# of the GNOME 48 runtime the Flatpak uses (flatpak/README.md).
#
#   tools/modern-chroot.sh ensure PACKAGE...   make the chroot once per machine
#                                              (or add what is missing), exit 3
#                                              when it cannot be made
#   tools/modern-chroot.sh run DIR CMD...      run CMD inside the chroot, in DIR
#                                              (the tree, bound at the same path)
#   tools/modern-chroot.sh mounted DIR CMD...  run CMD on the host while the
#                                              chroot is mounted ($CIVREG_MODERN_ROOT)
#   tools/modern-chroot.sh root                print the chroot's path
#
# The chroot lives outside the clone, in $CIVREG_CHROOT_CACHE (default
# /var/cache/civreg); it is complete only when its stamp file exists, written
# last. Package names are Debian 12's (the Makefile's PACKAGES, one list);
# the few that differ on Debian 13 are renamed below.
set -euo pipefail

CACHE=${CIVREG_CHROOT_CACHE:-/var/cache/civreg}
ROOT=$CACHE/trixie-chroot
STAMP=$ROOT/.civreg-complete
SUITE=trixie

die () { echo "modern-chroot: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (chroot, mount)"

# The host's Debian mirror, for trixie too (deb822 or one-line sources).
mirror () {
  local uri
  uri=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
          /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | grep -oE 'https?://[^ ]+/debian/?' | grep -v -- '-security' | head -n1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

# Debian 12 name -> Debian 13 name, when they differ.
rename () {
  case "$1" in
    *) echo "$1" ;;
  esac
}

# Packages the chroot needs besides the Makefile's list: the zh_CN locale is
# generated with `locales` (in the list), apt needs certificates for https.
EXTRA="ca-certificates"

missing_in_chroot () {
  local p
  for p in "$@"; do
    chroot "$ROOT" dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
      || echo "$p"
  done
}

ensure () {
  local pkgs=() p
  for p in "$@" $EXTRA; do pkgs+=("$(rename "$p")"); done
  mkdir -p "$CACHE"
  exec 9>"$CACHE/trixie-chroot.lock"
  flock 9

  if [ -f "$STAMP" ]; then
    mapfile -t missing < <(missing_in_chroot "${pkgs[@]}")
    if [ ${#missing[@]} -eq 0 ]; then
      echo "modern-chroot: $ROOT is complete ($(cat "$STAMP"))"
      return 0
    fi
    echo "modern-chroot: adding to $ROOT: ${missing[*]}"
    rm -f "$STAMP"
    if ! chroot "$ROOT" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"' \
         sh "${missing[@]}"; then
      echo "modern-chroot: cannot install ${missing[*]} in the Debian 13 chroot (no network?)" >&2
      exit 3
    fi
  else
    command -v mmdebstrap >/dev/null || die "mmdebstrap is missing (make test-modern installs it)"
    local tmp=$ROOT.new start=$SECONDS url
    url=$(mirror)
    # Never delete through a mount left by a killed run (/tmp, /dev, the tree).
    if grep -qF " $ROOT" /proc/mounts; then
      die "$ROOT still has mounts (a killed run?): umount them first"
    fi
    rm -rf "$tmp" "$ROOT"
    echo "modern-chroot: making a Debian 13 chroot in $ROOT from $url (once per machine)"
    if ! mmdebstrap --variant=apt --mode=root --format=directory --components=main \
           --include="$(IFS=,; echo "${pkgs[*]}")" \
           --customize-hook='sed -i "s/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/" "$1/etc/locale.gen"' \
           --customize-hook='grep -q "^zh_CN.UTF-8 UTF-8" "$1/etc/locale.gen" || echo "zh_CN.UTF-8 UTF-8" >>"$1/etc/locale.gen"' \
           --customize-hook='grep -q "^en_US.UTF-8 UTF-8" "$1/etc/locale.gen" || echo "en_US.UTF-8 UTF-8" >>"$1/etc/locale.gen"' \
           --customize-hook='chroot "$1" locale-gen >/dev/null' \
           "$SUITE" "$tmp" "$url"; then
      rm -rf "$tmp"
      echo "modern-chroot: cannot make the Debian 13 chroot from $url (no network?)" >&2
      exit 3
    fi
    mv "$tmp" "$ROOT"
    echo "modern-chroot: made in $((SECONDS - start)) s"
  fi
  # Written last: the chroot is complete.
  {
    echo -n "trixie "
    chroot "$ROOT" dpkg-query -W -f='sqlcipher ${Version}' libsqlcipher-dev
    chroot "$ROOT" dpkg-query -W -f=', gtk ${Version}' libgtk-4-dev
    chroot "$ROOT" dpkg-query -W -f=', libadwaita ${Version}' libadwaita-1-dev
    chroot "$ROOT" dpkg-query -W -f=', glib ${Version}' libglib2.0-dev
    chroot "$ROOT" dpkg-query -W -f=', json-glib ${Version}' libjson-glib-dev
    echo
  } >"$STAMP.tmp"
  mv "$STAMP.tmp" "$STAMP"
  echo "modern-chroot: $ROOT is complete ($(cat "$STAMP"))"
}

MOUNTS=()

unmount_all () {
  local i
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
    umount -l "${MOUNTS[$i]}" 2>/dev/null || true
  done
  MOUNTS=()
}

# Private bind mounts: nothing mounted here propagates back to the host.
bind () {
  local src=$1 dst=$ROOT$1
  mkdir -p "$dst"
  mount --bind "$src" "$dst"
  MOUNTS+=("$dst")
  mount --make-private "$dst"
}

mount_all () {
  local dir=$1
  [ -f "$STAMP" ] || die "$ROOT is not complete: run '$0 ensure' first"
  trap unmount_all EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  mkdir -p "$ROOT/proc"
  mount -t proc proc "$ROOT/proc"
  MOUNTS+=("$ROOT/proc")
  bind /dev
  bind /dev/pts
  bind /dev/shm
  # The host's /tmp, not a private one: xvfb-run -a picks a free display by
  # the lock files in /tmp, and X's abstract sockets are shared with the host.
  bind /tmp
  # The tree at the same path as outside, so logs and paths read alike.
  bind "$dir"
  # shared/ beside the clone holds the test data (tests/meson.build).
  if [ -d "$dir/../shared" ]; then
    bind "$(cd "$dir/../shared" && pwd -P)"
  fi
}

run () {
  local dir status=0
  dir=$(cd "$1" && pwd -P)
  shift
  mount_all "$dir"
  chroot "$ROOT" /usr/bin/env -i \
    HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
    LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-}" \
    /bin/sh -c 'cd "$1" && shift && exec "$@"' sh "$dir" "$@" || status=$?
  unmount_all
  trap - EXIT INT TERM
  return $status
}

# CMD runs on the host while the chroot is mounted, told where it is.
mounted () {
  local dir status=0
  dir=$(cd "$1" && pwd -P)
  shift
  mount_all "$dir"
  CIVREG_MODERN_ROOT=$ROOT "$@" || status=$?
  unmount_all
  trap - EXIT INT TERM
  return $status
}

case "${1:-}" in
  ensure) shift; ensure "$@" ;;
  run) shift; [ $# -ge 2 ] || die "usage: $0 run DIR CMD..."; run "$@" ;;
  mounted) shift; [ $# -ge 2 ] || die "usage: $0 mounted DIR CMD..."; mounted "$@" ;;
  root) echo "$ROOT" ;;
  *) die "usage: $0 ensure PACKAGE... | run DIR CMD... | mounted DIR CMD... | root" ;;
esac
