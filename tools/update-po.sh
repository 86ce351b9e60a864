#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# update-po.sh — refresh po/POTFILES.in, regenerate po/civreg.pot from the
# files it lists and merge every language in po/LINGUAS with it.
#
#   tools/update-po.sh [BUILD_DIR]
#
# po/POTFILES.in is rewritten to list every file under db/, app/, ui/ and
# resources/ with translatable text (the rule tests/packaging/check-potfiles.py
# checks). BUILD_DIR is a meson build directory (default: the first configured one of
# _build-pkg and _build; _build-pkg is set up when none is). The .pot comes
# from meson's civreg-pot target, so xgettext runs with the keywords in
# po/meson.build. New messages come out untranslated, changed ones fuzzy with
# their previous msgid; obsolete ones are dropped. Translate, then check with
#   meson test -C BUILD_DIR --suite packaging
set -eu

cd "$(dirname "$0")/.."

build=${1:-}
if [ -z "$build" ]; then
  for dir in _build-pkg _build; do
    if [ -f "$dir/build.ninja" ]; then
      build=$dir
      break
    fi
  done
  build=${build:-_build-pkg}
fi
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build"
fi

python3 tests/packaging/check-potfiles.py --write .
meson compile -C "$build" civreg-pot
pot=po/civreg.pot
trap 'rm -f "$pot"' EXIT

for lang in $(sed -e 's/#.*//' po/LINGUAS); do
  po=po/$lang.po
  if [ -f "$po" ]; then
    msgmerge --quiet --previous --no-wrap --output-file="$po.new" "$po" "$pot"
  else
    msginit --no-translator --no-wrap --locale="$lang.UTF-8" --input="$pot" --output-file="$po.new"
  fi
  msgattrib --no-obsolete --no-wrap --output-file="$po" "$po.new"
  rm -f "$po.new"
  printf '%s: ' "$po"
  msgfmt --check --statistics --output-file=/dev/null "$po"
done
