#!/usr/bin/env bash
# nn4j against its peers on this machine, interleaved in one session: every round runs each peer and then nn4j, each
# in its own process, and the tables show the medians over the rounds with the ratio, each process's peak memory
# (RSS) and each speed's share of one core's limit (benchmarks/machine_peak.py). The peers: numpy, PyTorch
# (benchmarks/peers.py) and scikit-learn; and the Java libraries (benchmarks/peers-java): ONNX Runtime for
# prediction, DJL with its PyTorch engine and Deeplearning4j for training and prediction, with their runtime's size
# on disk and the time from process start to the first prediction.
#
# A round starts only on a quiet machine: it waits (up to 5 minutes) for the 1-minute load average to fall below
# 0.5, then measures anyway and heads the tables "MEASURED UNDER LOAD", or, with --strict, refuses (exit code 3).
# The load before each round is recorded and printed.
#
#   bash benchmarks/compare.sh                 # 3 rounds, 3-second measurements
#   bash benchmarks/compare.sh --strict        # the same, refusing to measure on a busy machine
#   bash benchmarks/compare.sh --rounds=5      # 5 rounds: medians that one slow minute moves less
#   bash benchmarks/compare.sh --smoke         # 1 round, tiny sizes, no Java peers: checks that every part runs (CI)
#   bash benchmarks/compare.sh --smoke --java-peers    # the same with the Java peers
#
# Needs Java 17 and Maven (for ./nn4j; the Java peers are built with `mvn -Ppeers`, which downloads about 1 GB
# the first time) and Debian's python3-torch, python3-sklearn and python3-numpy, which it installs with apt-get when
# they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=3 seconds=3 samples=60000 n=1024 tutorial_epochs=1000000 quiet=0.5 max_wait=${COMPARE_MAX_WAIT:-300} java_peers=true strict=""
smoke=false without_java_peers="--no-java-peers"
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=true ;;
    --java-peers) java_peers=force ;;
    --no-java-peers) java_peers=false ;;
    --strict) strict=--strict ;;
    --rounds=*) rounds=${arg#--rounds=}
      if ! [[ "$rounds" =~ ^[1-9][0-9]?$ ]]; then
        echo "compare: --rounds expects a whole number from 1 to 99, got '${arg#--rounds=}'" >&2; exit 2
      fi ;;
    *) echo "compare: unknown option '$arg'; expected --smoke, --strict, --rounds=N, --java-peers or --no-java-peers" >&2
      exit 2 ;;
  esac
done
if $smoke; then
  rounds=1 seconds=0.2 samples=2000 n=64 tutorial_epochs=10000 max_wait=0
  [ "$java_peers" = force ] || java_peers=false without_java_peers="--smoke leaves them out; add --java-peers"
fi
[ "$java_peers" = force ] && java_peers=true

python=/usr/bin/python3
[ -x "$python" ] || python=python3
if ! "$python" -c 'import torch, sklearn, numpy' 2>/dev/null; then
  echo "compare: installing python3-torch, python3-sklearn and python3-numpy with apt-get..." >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-torch python3-sklearn python3-numpy >&2
  python=/usr/bin/python3
fi

./nn4j --version >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=$work/results.jsonl
round=0 load=0

tag() { # tag SIDE : prefixes each JSON line with its side, round and the load before the round
  grep '^{' | sed "s/^{/{\"side\": \"$1\", \"round\": $round, \"load\": $load, /"
}
peer() { # peer THREADS ARGS... : one Python peer measurement, tagged with the thread count
  local threads=$1; shift
  OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads MKL_NUM_THREADS=$threads \
    "$python" benchmarks/peers.py "$@" --threads "$threads" | tag peer
}
nn4j() { # nn4j CASE ARGS... : one nn4j bench measurement, tagged with the case it answers
  local case=$1; shift
  ./nn4j bench --json --rounds 1 --seconds "$seconds" "$@" | sed "s/^{/{\"case\":\"$case\",/" | tag nn4j
}

tutorial_job() { # tutorial_job EPOCHS : the tutorial's whole job as its users run it, one process, wall-clock seconds
  local start end
  start=$(date +%s%N)
  ./nn4j xor --preset tutorial --epochs "$1" --no-prompt >/dev/null
  end=$(date +%s%N)
  echo "{\"case\": \"xor-job\", \"epochs\": $1, \"seconds\": $(((end - start) / 1000))e-6}" | tag nn4j
}

peers_java=benchmarks/peers-java
java_peer() { # java_peer LIBRARY ARGS... : one measurement of a Java peer in its own JVM, on its own class path
  local library=$1; shift
  local module=$peers_java/$library options=() main
  case "$library" in
    nn4j) main=org.nn4j.peers.nn4j.Nn4jPeer
      options=(--add-modules jdk.incubator.vector -XX:+UseSerialGC) ;; # as the nn4j launcher runs it
    onnxruntime) main=org.nn4j.peers.onnxruntime.OnnxRuntimePeer ;;
    djl) main=org.nn4j.peers.djl.DjlPeer # offline: PyTorch's natives come from the Maven jar, unpacked once here
      options=(-Dai.djl.offline=true "-DDJL_CACHE_DIR=$module/target/djl-cache" "-DENGINE_CACHE_DIR=$module/target/djl-cache") ;;
    dl4j) main=org.nn4j.peers.dl4j.Dl4jPeer
      options=("-Dorg.bytedeco.javacpp.cachedir=$module/target/javacpp-cache") ;;
  esac
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
    java "${options[@]}" -cp "$module/target/classes:$(cat "$module/target/classpath.txt")" "$main" "$@" \
    2> >(grep -v '^WARNING: Using incubator modules' >&2) | tag "java-$library"
}
first_predictions() { # first_predictions : process start to first prediction, every library once
  java_peer nn4j first-prediction --started-at "$(date +%s%N)"
  java_peer onnxruntime first-prediction --model "$work/mlp.onnx" --started-at "$(date +%s%N)"
  java_peer djl first-prediction --started-at "$(date +%s%N)"
  java_peer dl4j first-prediction --started-at "$(date +%s%N)"
  "$python" benchmarks/peers.py first-torch --started-at "$(date +%s%N)" | tag peer
}
class_path_bytes() { # class_path_bytes FILE : the bytes of the files a class path file names
  tr ':' '\n' <"$1" | grep . | xargs -r stat -c %s | awk '{sum += $1} END {print sum + 0}'
}

if $java_peers; then
  echo "compare: building the Java peers (mvn -Ppeers; the first build downloads about 1 GB)..." >&2
  modules=$peers_java/nn4j,$peers_java/onnxruntime,$peers_java/djl,$peers_java/dl4j
  if ! mvn -B -q -Ppeers -pl "$modules" -am package -DskipTests -Dmaven.javadoc.skip=true >"$work/build.log" 2>&1
  then
    tail -n 20 "$work/build.log" >&2
    echo "compare: the Java peers could not be built (above: the end of Maven's output); measuring without them" >&2
    java_peers=false without_java_peers="they could not be built"
  fi
fi
if $java_peers; then
  java -cp "$peers_java/nn4j/target/classes:$(cat "$peers_java/nn4j/target/classpath.txt")" \
    --add-modules jdk.incubator.vector org.nn4j.peers.nn4j.Nn4jPeer export-onnx "$work/mlp.onnx" \
    2> >(grep -v '^WARNING: Using incubator modules' >&2)
  for library in nn4j onnxruntime djl dl4j; do
    echo "{\"side\": \"size\", \"library\": \"$library\", \"round\": 0, \"load\": 0, \"jar_bytes\":" \
      "$(class_path_bytes "$peers_java/$library/target/library-classpath.txt")}" >>"$results"
  done
  # Once, untimed: DJL and Deeplearning4j unpack their natives on their first run.
  first_predictions >/dev/null
else
  echo "compare: skipping the Java peers (ONNX Runtime, DJL, Deeplearning4j): $without_java_peers" >&2
fi

for round in $(seq "$rounds"); do
  if $smoke; then
    load=$(cut -d' ' -f1 /proc/loadavg) state=smoke
  else
    read -r state load < <(bash benchmarks/load-gate.sh "$quiet" "$max_wait" $strict) || exit 3
  fi
  echo "compare: round $round of $rounds (1-minute load average $load, $state)" >&2
  {
    peer 1 xor-numpy --seconds "$seconds"
    nn4j xor-numerical --threads 1 --sizes 2,2,1 --batch 4 --samples 4 --method numerical --predict-batches 0
    tutorial_job "$tutorial_epochs"
    peer 1 xor-torch --seconds "$seconds"
    nn4j xor-backprop --threads 1 --sizes 2,2,1 --batch 4 --samples 4 --method backprop --predict-batches 0
    for threads in 1 2; do
      for dtype in float32 float64; do
        for batches in gathered contiguous; do
          peer "$threads" mlp-torch --dtype "$dtype" --batches "$batches" --samples "$samples" --seconds "$seconds"
        done
      done
      peer "$threads" mlp-sklearn --samples "$samples"
      nn4j "mlp-$threads" --threads "$threads" --samples "$samples" --predict-batches 0
      nn4j "mlp32-$threads" --threads "$threads" --samples "$samples" --predict-batches 0 --precision float32
    done
    if $java_peers; then
      java_peer djl train --samples "$samples" --seconds "$seconds"
      java_peer dl4j train --samples "$samples" --seconds "$seconds"
    fi
    for batch in 1 1024; do
      peer 1 predict-torch --batch "$batch" --seconds "$seconds"
      if $java_peers; then
        java_peer djl predict --batch "$batch" --seconds "$seconds"
        java_peer dl4j predict --batch "$batch" --seconds "$seconds"
      fi
    done
    nn4j predict --threads 1 --samples 2048 --predict-batches 1,1024
    # The closest peer (ONNX Runtime) right before and after nn4j's float32 prediction, batch 1 then batch 1024, so
    # that each pair is measured seconds apart: this machine's speed drifts by up to a third from minute to minute.
    if $java_peers; then
      java_peer onnxruntime predict --model "$work/mlp.onnx" --batch 1 --seconds "$seconds"
    fi
    nn4j predict32 --threads 1 --samples 2048 --predict-batches 1,1024 --precision float32
    if $java_peers; then
      java_peer onnxruntime predict --model "$work/mlp.onnx" --batch 1024 --seconds "$seconds"
    fi
    peer 1 matmul-torch --n "$n" --dtype float32 --seconds "$seconds"
    peer 1 matmul-torch --n "$n" --dtype float64 --seconds "$seconds"
    nn4j matmul --threads 1 --sizes 2,1 --batch 1 --samples 1 --predict-batches 0 --matmul "$n"
    nn4j matmul32 --threads 1 --sizes 2,1 --batch 1 --samples 1 --predict-batches 0 --matmul "$n" --precision float32
    if $java_peers; then
      first_predictions
    fi
  } >>"$results"
done

"$python" benchmarks/compare_table.py "$results"
