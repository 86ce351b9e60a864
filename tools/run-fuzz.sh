#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run-fuzz.sh BUILD SECONDS TARGET… — runs each libFuzzer target of
# BUILD/tests/fuzz for SECONDS on its seed corpus (tests/fuzz/corpus/TARGET,
# read only) and prints, per target, executions, executions per second and
# findings. New interesting inputs go to BUILD/fuzz-out/TARGET/corpus,
# findings (crash-…, leak-…, timeout-…) to BUILD/fuzz-out/TARGET/findings:
# never into the tree. A finding makes the run fail.
set -u
build=$1
seconds=$2
shift 2
src=$(cd "$(dirname "$0")/.." && pwd)
status=0
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$src/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
summary=()
for target in "$@"; do
  out="$build/fuzz-out/$target"
  # Findings of an earlier run are kept aside, not counted again.
  if [ -n "$(ls -A "$out/findings" 2>/dev/null)" ]; then
    mv "$out/findings" "$out/findings-$(date +%Y%m%d-%H%M%S)"
  fi
  mkdir -p "$out/corpus" "$out/findings"
  log="$out/fuzz.log"
  echo "== $target: ${seconds} s"
  "$build/tests/fuzz/$target" -max_total_time="$seconds" -print_final_stats=1 \
    -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$out/findings/" "$out/corpus" "$src/tests/fuzz/corpus/$target" \
    >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  findings=$(find "$out/findings" -type f | wc -l)
  [ "$rc" -ne 0 ] && [ "$findings" -eq 0 ] && findings="exit $rc"
  summary+=("$(printf '%-22s %12s executions %8s exec/s  findings: %s' "$target" "${execs:-?}" "${rate:-?}" "$findings")")
  if [ "$rc" -ne 0 ] || [ "$findings" != 0 ]; then
    status=1
    tail -40 "$log"
  fi
done
echo
printf '%s\n' "${summary[@]}"
exit $status
