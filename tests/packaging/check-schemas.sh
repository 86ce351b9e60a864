#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-schemas.sh RESOURCES_DIR — compiles the GSettings schemas in
# RESOURCES_DIR strictly without writing anything. Exit 77 (skip) when there
# is no schema yet or glib-compile-schemas is missing.
set -u
dir=$1
if ! command -v glib-compile-schemas >/dev/null 2>&1; then
  echo "SKIP: glib-compile-schemas is not installed"
  exit 77
fi
if ! ls "$dir"/*.gschema.xml >/dev/null 2>&1; then
  echo "SKIP: no *.gschema.xml in $dir"
  exit 77
fi
glib-compile-schemas --strict --dry-run "$dir" || exit 1
echo "OK: $(ls "$dir"/*.gschema.xml | wc -l) schema file(s) compile with --strict"
