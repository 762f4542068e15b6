#!/usr/bin/env bash
# Times one epoch of the tutorial's XOR training: the tutorial's numpy code (numerical gradient) against nn4j's
# numerical and backprop engines (JMH), run one after the other in one session. Prints the medians and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B -Dstyle.color=never -Dmaven.test.skip=true package -pl benchmarks -am >&2
numpy_line=$(python3 benchmarks/xor_numpy_tutorial.py)
echo "$numpy_line"
java -jar benchmarks/target/benchmarks.jar XorEpochBenchmark -rf csv -rff /tmp/nn4j-xor-epoch.csv >&2
numpy_us=$(echo "$numpy_line" | awk -F': ' '{print $2}' | awk '{print $1}')
awk -F, -v numpy="$numpy_us" 'NR > 1 {
  gsub(/"/, "", $1); name = $1; sub(/.*\./, "", name)
  printf "nn4j %-15s %8.3f us/epoch  (numpy tutorial / nn4j = %.0fx)\n", name, $5, numpy / $5
}' /tmp/nn4j-xor-epoch.csv
