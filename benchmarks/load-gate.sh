#!/usr/bin/env bash
# Waits until the machine is quiet enough to measure on: the 1-minute load average below LIMIT. Prints one line,
# "quiet LOAD" or "busy LOAD" with the load it ended on, after waiting at most MAX_WAIT seconds. With --strict a
# machine still busy then is refused: the line goes to standard error and the exit code is 3.
#
#   bash benchmarks/load-gate.sh LIMIT MAX_WAIT [--strict]
#
# The load is read from /proc/loadavg, or from the file LOADAVG_FILE names (the tests use one).
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "load-gate: expected LIMIT MAX_WAIT [--strict], got ${*:-nothing}" >&2
  exit 2
fi
limit=$1 max_wait=$2 strict=false
[ "${3:-}" = "--strict" ] && strict=true
loadavg_file=${LOADAVG_FILE:-/proc/loadavg}
poll=${LOAD_GATE_POLL_SECONDS:-5}

load() { cut -d' ' -f1 "$loadavg_file"; }
above() { awk -v load="$(load)" -v limit="$limit" 'BEGIN {exit !(load >= limit)}'; }

waited=0
while above; do
  if [ "$waited" -ge "$max_wait" ]; then
    if $strict; then
      echo "load-gate: the 1-minute load average is $(load), above $limit, after waiting ${waited}s; refusing to" \
        "measure (run again on a quiet machine, or without --strict to measure and mark the table)" >&2
      exit 3
    fi
    echo "busy $(load)"
    exit 0
  fi
  sleep "$poll"
  waited=$((waited + poll))
done
echo "quiet $(load)"
