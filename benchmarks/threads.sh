#!/usr/bin/env bash
# Training on every core against one: 784-256-128-10 float32 at batch 128 and 32, with 1 and 2 threads, interleaved
# in one session (each round runs every case once, in its own process) and reported as medians with the ratio.
# A round starts only when the machine is quiet (1-minute load average below 0.5; it waits up to 5 minutes, then
# marks the round as taken on a busy machine).
#
#   bash benchmarks/threads.sh            # 5 rounds of 3-second measurements
#   bash benchmarks/threads.sh --smoke    # 1 round, tiny sizes: checks that it runs
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=5 seconds=3 samples=60000 sizes=784,256,128,10 quiet=0.5
if [ "${1:-}" = "--smoke" ]; then
  rounds=1 seconds=0.2 samples=512 sizes=16,32,4 quiet=1000
fi
./nn4j --version >/dev/null
results=$(mktemp)
trap 'rm -f "$results"' EXIT

for round in $(seq "$rounds"); do
  read -r state load < <(bash benchmarks/load-gate.sh "$quiet" 300)
  echo "threads: round $round of $rounds (load $load, $state)" >&2
  for batch in 128 32; do
    for threads in 1 2; do
      ./nn4j bench --json --rounds 1 --seconds "$seconds" --sizes "$sizes" --precision float32 --batch "$batch" \
        --samples "$samples" --threads "$threads" --predict-batches 0 \
        | sed "s/^{/{\"round_state\":\"$state\",/" >> "$results"
    done
  done
done

python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print("machine: " + rows[0]["machine"] + "; kernels: " + rows[0]["kernels"])
busy = sum(1 for r in rows if r["round_state"] == "busy")
print(f"medians of {len(rows) // 4} interleaved rounds" + (f" ({busy // 4} taken on a busy machine)" if busy else ""))
print()
print("| batch | 1 thread (samples/s) | 2 threads (samples/s) | 2 threads / 1 thread |")
print("| --- | --- | --- | --- |")
for batch in (128, 32):
    one = statistics.median(r["train_samples_per_second"] for r in rows if r["batch"] == batch and r["threads"] == 1)
    two = statistics.median(r["train_samples_per_second"] for r in rows if r["batch"] == batch and r["threads"] == 2)
    print(f"| {batch} | {one:,.0f} | {two:,.0f} | {two / one:.2f}× |")
PY
