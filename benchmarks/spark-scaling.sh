#!/usr/bin/env bash
# Spark scaling (BENCHMARKS.md): EPOCHS epochs (default 4) of an 8-32-1 network on a synthetic table of ROWS rows;
# each run reports its first epoch (with the JIT compiler's warm-up) and the median of the later ones.
#   local:      embedded Spark with local[1] and local[2], interleaved for ROUNDS rounds with the same training
#               without Spark (threads[1], threads[2]: the loop's own data-parallel step on 1 and 2 threads), which
#               says how much two cores give this work on this machine at all;
#   standalone: a standalone Master on 127.0.0.1 and 1, 2, then 3 Workers of one core each, started from Spark's
#               own jars, ROUNDS runs at each size; the cluster is stopped afterwards, also on failure.
# Before each round it waits (up to 5 minutes, benchmarks/load-gate.sh) for the 1-minute load average to fall below
# 0.5, and records the load in each run's JSON line ("round_load", "round_state": quiet or busy).
# Prints each run's JSON line (with where a step's time goes) and the medians.
#   bash benchmarks/spark-scaling.sh [ROWS] [BATCH] [ROUNDS] [AVERAGING_STEPS] [local|standalone|all] [EPOCHS]
# WORKERS="1 2 3" (the default) chooses the standalone cluster sizes, started in turn.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
batch="${2:-4096}"
rounds="${3:-3}"
averaging="${4:-0}"
which="${5:-all}"
epochs="${6:-4}"

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Built in the reactor, so nn4j-core comes from this checkout, not from the local Maven repository.
mvn -B -q -pl nn4j-spark -am compile dependency:build-classpath -Dmdep.outputFile="$work/classpath" >/dev/null
classpath="$PWD/nn4j-spark/target/classes:$(cat "$work/classpath")"
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
state=quiet load=0
gate() { # a round starts on a quiet machine, or is marked
  read -r state load < <(bash benchmarks/load-gate.sh 0.5 300)
  echo "spark-scaling: $1 (load $load, $state)" >&2
}
run() { # MASTER [EXECUTORS]
  java --add-modules jdk.incubator.vector "${opens[@]}" -cp "$classpath" org.nn4j.spark.ScalingRun \
    "$1" "$rows" "$batch" "$averaging" "${2:-0}" "$epochs" 2>"$work/last-run.log" | grep '^{' \
    | sed "s/^{/{\"round_state\":\"$state\",\"round_load\":$load,/" | tee -a "$work/results" \
    || { grep -v "^\s*at " "$work/last-run.log" | tail -15 >&2; exit 1; }
}
touch "$work/results"

if [[ "$which" == local || "$which" == all ]]; then
  for round in $(seq 1 "$rounds"); do
    gate "local, round $round of $rounds"
    for master in 'threads[1]' 'local[1]' 'threads[2]' 'local[2]'; do run "$master"; done
  done
fi

if [[ "$which" == standalone || "$which" == all ]]; then
  # Spark's launcher wants a Spark home; executors take their classes from the application's class path.
  mkdir -p "$work/spark-home/jars"
  touch "$work/spark-home/RELEASE"
  scala="$(grep -o 'spark-core_2\.1[0-9]' "$work/classpath" | head -1 | cut -d_ -f2)"
  java "${opens[@]}" -cp "$classpath" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 0 \
    --webui-port 0 >"$work/master.log" 2>&1 &
  pids+=($!)
  master=""
  for _ in $(seq 1 600); do
    master="$(grep -o 'spark://127\.0\.0\.1:[0-9]*' "$work/master.log" | head -1 || true)"
    [[ -n "$master" ]] && break
    sleep 0.1
  done
  [[ -n "$master" ]] || { echo "The standalone master did not start; its log:" >&2; tail -5 "$work/master.log" >&2; exit 1; }
  for workers in ${WORKERS:-1 2 3}; do
    SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION="$scala" java "${opens[@]}" -cp "$classpath" \
      org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g --webui-port 0 \
      --work-dir "$work/worker-$workers" "$master" >"$work/worker-$workers.log" 2>&1 &
    pids+=($!)
    for round in $(seq 1 "$rounds"); do
      gate "$workers worker(s), round $round of $rounds"
      run "$master" "$workers"
    done
  done
fi

python3 - "$work/results" <<'PY'
import json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
busy = [r["round_load"] for r in runs if r["round_state"] != "quiet"]
if busy:
    print(f"MEASURED UNDER LOAD: {len(busy)} of {len(runs)} runs started at a load of up to {max(busy)}")
def ratios(a, b):  # each round's ratio of a's epoch time to b's, rounds in order
    return [x["seconds"] / y["seconds"] for x, y in zip([r for r in runs if r["master"] == a],
                                                        [r for r in runs if r["master"] == b])]
def report(label, mine, setup="to cache the rows"):
    if mine:
        print(f"{label}: median {statistics.median(r['samples_per_second'] for r in mine):,.0f} samples/s, "
              f"{statistics.median(r['seconds'] for r in mine):.2f} s per epoch after the first, "
              f"{statistics.median(r['first_epoch_seconds'] for r in mine):.2f} s the first, "
              f"{statistics.median(r['step_ms'] for r in mine):.1f} ms per step, "
              f"{statistics.median(r['setup_seconds'] for r in mine):.1f} s {setup} ({len(mine)} runs)")
    return statistics.median(r["seconds"] for r in mine) if mine else None
one = report("local[1]", [r for r in runs if r["master"] == "local[1]"])
two = report("local[2]", [r for r in runs if r["master"] == "local[2]"])
if one and two:
    first = lambda m: statistics.median(r["first_epoch_seconds"] for r in runs if r["master"] == m)
    print(f"local[2] against local[1]: {one / two:.2f}x after the first epoch, "
          f"{first('local[1]') / first('local[2]'):.2f}x in the first")
    print("  per round: " + ", ".join(f"{x:.2f}x" for x in ratios("local[1]", "local[2]")))
solo = report("threads[1], no Spark", [r for r in runs if r["master"] == "threads[1]"], "to draw the rows")
duo = report("threads[2], no Spark", [r for r in runs if r["master"] == "threads[2]"], "to draw the rows")
if solo and duo:
    print(f"2 threads against 1 without Spark: {solo / duo:.2f}x after the first epoch; per round: "
          + ", ".join(f"{x:.2f}x" for x in ratios("threads[1]", "threads[2]")))
base = None
for n in (1, 2, 3):
    t = report(f"standalone, {n} worker(s)", [r for r in runs if r["master"].startswith("spark://")
                                               and r["partitions"] == n])
    base = base or t
    if base and t:
        print(f"  against 1 worker: {base / t:.2f}x")
PY
