#!/usr/bin/env bash
# Two builds of nn4j side by side: `nn4j bench` of the 784-256-128-10 network (float32, one thread; training at
# batch 128, prediction at batch 1 and 1024, the 1024² product) from the jar BEFORE and the jar AFTER, alternating in
# every round, each in its own process. A round starts only when the machine is quiet (1-minute load average below
# 0.5; it waits up to 5 minutes, then marks the round busy). Prints every round and the medians with the ratio.
#
#   git worktree add ../nn4j-before HEAD~1 && (cd ../nn4j-before && mvn -B -q package -DskipTests)
#   bash benchmarks/before-after.sh ../nn4j-before/nn4j-cli/target/nn4j.jar nn4j-cli/target/nn4j.jar 7
#
# JAVA names another java to run both with (e.g. a newer JDK's).
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "before-after: expected BEFORE_JAR AFTER_JAR [ROUNDS], got ${*:-nothing}" >&2
  exit 2
fi
for jar in "$1" "$2"; do
  [ -f "$jar" ] || { echo "before-after: no jar at $jar" >&2; exit 2; }
done
# The jars as given from where the script was started, then the repository root for the load gate.
before=$(realpath "$1") after=$(realpath "$2") rounds=${3:-5}
cd "$(dirname "$0")/.."
java=${JAVA:-java}
results=$(mktemp)
trap 'rm -f "$results"' EXIT

for round in $(seq "$rounds"); do
  read -r state load < <(bash benchmarks/load-gate.sh 0.5 300)
  echo "before-after: round $round of $rounds (load $load, $state)" >&2
  for side in before after; do
    jar=$before
    [ "$side" = after ] && jar=$after
    "$java" --add-modules jdk.incubator.vector -XX:+UseSerialGC -jar "$jar" bench --json --rounds 3 --seconds 0.5 \
      --sizes 784,256,128,10 --batch 128 --precision float32 --threads 1 --matmul 1024 2>/dev/null \
      | sed "s/^{/{\"side\":\"$side\",\"round\":$round,\"state\":\"$state\",/" >>"$results"
  done
done

python3 - "$results" <<'EOF'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
def values(side, pick):
    return [pick(r) for r in rows if r["side"] == side]
measures = [
    ("training, samples/s", lambda r: r["train_samples_per_second"]),
    ("prediction batch 1, samples/s", lambda r: r["predict_samples_per_second"]["1"]),
    ("prediction batch 1024, samples/s", lambda r: r["predict_samples_per_second"]["1024"]),
    ("1024² product, GFLOP/s", lambda r: r["matmul_gflops"]),
]
busy = sum(1 for r in rows if r["state"] != "quiet") // 2
print(f"medians of {len(rows) // 2} rounds" + (f" ({busy} started on a busy machine)" if busy else ""))
print("| measure | before | after | after / before | per round |")
print("| --- | --- | --- | --- | --- |")
for name, pick in measures:
    b, a = values("before", pick), values("after", pick)
    ratios = ", ".join(f"{y / x:.2f}" for x, y in zip(b, a))
    mb, ma = statistics.median(b), statistics.median(a)
    print(f"| {name} | {mb:,.1f} | {ma:,.1f} | {ma / mb:.2f}× | {ratios} |")
EOF
