#!/usr/bin/env bash
# Spark scaling (BENCHMARKS.md): one epoch of an 8-32-1 network on a synthetic table of ROWS rows, on embedded
# Spark with local[1] and local[2], interleaved for ROUNDS rounds; prints each run's JSON line and the medians.
#   bash benchmarks/spark-scaling.sh [ROWS] [BATCH] [ROUNDS] [AVERAGING_STEPS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
batch="${2:-4096}"
rounds="${3:-3}"
averaging="${4:-0}"

mvn -B -q install -DskipTests -pl nn4j-spark -am >/dev/null
classpath_file="$(mktemp)"
mvn -B -q -pl nn4j-spark dependency:build-classpath -Dmdep.outputFile="$classpath_file" >/dev/null
classpath="nn4j-spark/target/classes:$(cat "$classpath_file")"
rm -f "$classpath_file"
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done

results="$(mktemp)"
for round in $(seq 1 "$rounds"); do
  for master in 'local[1]' 'local[2]'; do
    java --add-modules jdk.incubator.vector "${opens[@]}" -cp "$classpath" org.nn4j.spark.ScalingRun \
      "$master" "$rows" "$batch" "$averaging" 2>/dev/null | grep '^{' | tee -a "$results"
  done
done
python3 - "$results" <<'PY'
import json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
for master in ("local[1]", "local[2]"):
    mine = [r for r in runs if r["master"] == master]
    print(f"{master}: median {statistics.median(r['samples_per_second'] for r in mine):,.0f} samples/s, "
          f"{statistics.median(r['seconds'] for r in mine):.2f} s per epoch ({len(mine)} runs)")
one = statistics.median(r["seconds"] for r in runs if r["master"] == "local[1]")
two = statistics.median(r["seconds"] for r in runs if r["master"] == "local[2]")
print(f"local[2] against local[1]: {one / two:.2f}x")
PY
rm -f "$results"
