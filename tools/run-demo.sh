#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts the reference provincial server on loopback with the demo
# certificates (tools/make-demo.sh) and the simulated ID-card reader
# (tests/identity/civ-card-sim, docs/devices.md), runs Civreg on the demo
# office pointed at that reader, and stops both when Civreg exits.
# Usage: tools/run-demo.sh BUILD_DIR DEMO_DIR SHARED_DATA_DIR
set -euo pipefail

build=$1
demo=$2
shared=$3
here=$(cd "$(dirname "$0")" && pwd)
province="$demo/province"
certs="$province/certs"
server_bin="$build/tests/provincial/civreg-province"
server_pid=""
fifo=""
card_sim_bin="$build/tests/identity/civ-card-sim"
card_pid=""
card_dir=""

cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
  fi
  if [ -n "$card_pid" ]; then
    kill "$card_pid" 2> /dev/null || true
    wait "$card_pid" 2> /dev/null || true
  fi
  exec 3>&- 2> /dev/null || true
  exec 4>&- 2> /dev/null || true
  [ -z "$fifo" ] || rm -rf "$(dirname "$fifo")"
  [ -z "$card_dir" ] || rm -rf "$card_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts the server on port $1 (0 = any free port); sets $port from its
# "PORT n" line, or fails when it did not come up.
start_server() {
  local args=(--cert="$certs/server.pem" --key="$certs/server.key" --client-ca="$certs/ca.pem"
    --workstations="$province/workstations.txt" --state="$province/state" --port="$1"
    --exit-with-stdin)
  local log="$province/server.log"

  # The reference data the province distributes, when the shared tables
  # are there (the tables only: not their schema or licence files).
  rm -rf "$province/refdata"
  if [ -f "$shared/division-codes/result.csv" ] || compgen -G "$shared/holidays/20*.json" > /dev/null; then
    mkdir -p "$province/refdata/division-codes" "$province/refdata/holidays"
    [ ! -f "$shared/division-codes/result.csv" ] ||
      ln -s "$(cd "$shared" && pwd)/division-codes/result.csv" "$province/refdata/division-codes/"
    for f in "$shared"/holidays/20*.json; do
      [ ! -f "$f" ] || ln -s "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" "$province/refdata/holidays/"
    done
    args+=(--refdata="$province/refdata")
  fi
  # The server's standard input is a pipe this script holds open: if the
  # script dies, the server goes with it.
  fifo="$(mktemp -d)/stdin"
  mkfifo "$fifo"
  "$server_bin" "${args[@]}" < "$fifo" > "$log" 2>&1 &
  server_pid=$!
  exec 3> "$fifo"
  port=""
  for _ in $(seq 100); do
    port=$(sed -n 's/^PORT \([0-9]*\)$/\1/p' "$log")
    [ -n "$port" ] && return 0
    kill -0 "$server_pid" 2> /dev/null || break
    sleep 0.1
  done
  exec 3>&-
  wait "$server_pid" 2> /dev/null || true
  server_pid=""
  rm -rf "$(dirname "$fifo")"
  fifo=""
  return 1
}

if [ ! -f "$province/workstations.txt" ]; then
  echo "The demo office is not enrolled; run tools/make-demo.sh first." >&2
  exit 1
fi
wanted=$(cat "$province/port")
if ! start_server "$wanted"; then
  # The demo's port is taken: take any free one and tell the office.
  start_server 0 || { cat "$province/server.log" >&2; exit 1; }
  printf '%s\n' "$port" > "$province/port"
  "$here/make-demo.sh" "$build" "$demo" "$shared" reenroll
fi
echo "Reference provincial server on https://127.0.0.1:$port (log: $province/server.log)."

# The simulated ID-card reader on a pseudo-terminal, 张伟's card on it; its
# standard input is a pipe this script holds open (fd 4), like the server's.
# Other cards: echo "place 1" > "$demo/card-reader.ctl" (docs/devices.md).
card_link="$demo/ttyCIV0"
card_ctl="$demo/card-reader.ctl"
card_dir=$(mktemp -d)
mkfifo "$card_dir/stdin"
rm -f "$card_ctl"
mkfifo "$card_ctl"
cards="$here/../tests/identity/cards"
"$card_sim_bin" --card "$cards/zhang-wei.card" --card "$cards/li-na.card" \
  --card "$cards/zhao-jianguo.card" --place 0 --link "$card_link" --control "$card_ctl" \
  < "$card_dir/stdin" > "$demo/card-reader.log" 2>&1 &
card_pid=$!
exec 4> "$card_dir/stdin"
for _ in $(seq 50); do
  [ -L "$card_link" ] && break
  kill -0 "$card_pid" 2> /dev/null || break
  sleep 0.1
done
if [ -L "$card_link" ]; then
  echo "Simulated ID-card reader on $card_link (cards: echo \"place 1\" > $card_ctl)."
else
  echo "The simulated ID-card reader did not start (see $demo/card-reader.log)." >&2
fi

CIVREG_CARD_READER="$card_link" "$build/ui/civreg" --data-dir "$demo" 3>&- 4>&-
