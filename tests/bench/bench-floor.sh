#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-floor.sh — how fast SQLCipher can store what the backfill import
# stores, with nothing else to do: not a test, prints figures.
#
#   tests/bench/bench-floor.sh DIR
#
# DIR is a bench-import work folder (`bench-import --dir DIR`, in a build
# with -Dbench_plaintext=true) after its run: DIR/plain/civreg.db holds the
# rows the import wrote, unencrypted. This copies the tables the import
# writes (the records, their parties, the person index and its events, the
# historical sources, findings, the outbox with its payloads and the search
# keys) into new, empty databases with the office's schema and indexes, in
# one transaction as the import does (WAL, synchronous FULL, a 64 MiB
# cache), each table in its own key order, which is the cheapest order
# there is. No CSV is read, nothing is checked or computed, no pinyin, no
# person is looked up: the time is a floor under any import that writes
# these rows. It is printed for the office's cipher settings (SQLCipher 3
# layout) with 4 KiB pages (what Civreg creates) and with 1 KiB pages
# (what it created before), and unencrypted with the same page sizes.
set -eu

dir=${1:?usage: bench-floor.sh DIR (a bench-import --dir folder after its run)}
src=$dir/plain/civreg.db
[ -f "$src" ] || { echo "no $src: run bench-import --dir $dir in a -Dbench_plaintext=true build first" >&2; exit 2; }
command -v sqlcipher >/dev/null || { echo "the sqlcipher shell is missing (make deps)" >&2; exit 2; }

tables="persons marriages marriage_parties findings outbox search_keys historical_records person_events history_conflicts"
work=$(mktemp -d "${TMPDIR:-/tmp}/civreg-floor-XXXXXX")
trap 'rm -rf "$work"' EXIT

records=$(sqlcipher "$src" "SELECT count(*) FROM historical_records")
for t in $tables; do
  sqlcipher "$src" "SELECT sql || ';' FROM sqlite_master WHERE tbl_name = '$t' AND type IN ('table', 'index') AND sql IS NOT NULL"
done > "$work/schema.sql"

# $1: label, $2: the settings of the new database (before anything else)
floor() {
  rm -f "$work/floor.db" "$work/floor.db-wal" "$work/floor.db-shm"
  {
    echo "$2"
    echo "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536;"
    echo ".read $work/schema.sql"
    echo "ATTACH '$src' AS src KEY '';"
    echo ".timer on"
    echo "BEGIN;"
    for t in $tables; do echo "INSERT INTO main.$t SELECT * FROM src.$t;"; done
    echo "COMMIT;"
  } > "$work/run.sql"
  seconds=$(sqlcipher "$work/floor.db" < "$work/run.sql" 2>&1 | awk '/^Run Time/ { s += $4 } END { printf "%.2f", s }')
  echo "$1: $records records in $seconds s = $(awk -v n="$records" -v s="$seconds" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }') records/s"
}

key="PRAGMA key = \"x'$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')'\";"
cipher="PRAGMA cipher_compatibility = 3; PRAGMA kdf_iter = 64000; PRAGMA cipher_use_hmac = ON;"
echo "floor: the import's rows of $src copied, in key order, into an empty database"
floor "encrypted, 4 KiB pages" "$key $cipher PRAGMA cipher_page_size = 4096;"
floor "plain,     4 KiB pages" "PRAGMA page_size = 4096;"
floor "encrypted, 1 KiB pages" "$key $cipher PRAGMA cipher_page_size = 1024;"
floor "plain,     1 KiB pages" "PRAGMA page_size = 1024;"
