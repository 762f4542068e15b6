#!/usr/bin/env bash
# nn4j against numpy, PyTorch and scikit-learn on this machine, interleaved in one session: every round runs
# each peer and then nn4j, each in its own process, and the table shows the medians over the rounds with the
# ratio. Every process reports its own peak memory (RSS).
#
#   bash benchmarks/compare.sh            # 3 rounds, 3-second measurements (about 10 minutes)
#   bash benchmarks/compare.sh --smoke    # 1 round, tiny sizes: checks that every part runs (CI)
#
# Needs Java 17 and Maven (for ./nn4j) and Debian's python3-torch, python3-sklearn and python3-numpy, which it
# installs with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=3 seconds=3 samples=60000 n=1024
if [ "${1:-}" = "--smoke" ]; then
  rounds=1 seconds=0.2 samples=2000 n=64
fi

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
results=$(mktemp)
trap 'rm -f "$results"' EXIT

peer() { # peer THREADS ARGS... : one peer measurement, its JSON line tagged with the thread count
  local threads=$1; shift
  OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads MKL_NUM_THREADS=$threads \
    "$python" benchmarks/peers.py "$@" --threads "$threads" | sed "s/^{/{\"side\": \"peer\", /" >> "$results"
}
nn4j() { # nn4j CASE ARGS... : one nn4j bench measurement, tagged with the case it answers
  local case=$1; shift
  ./nn4j bench --json --rounds 1 --seconds "$seconds" "$@" | sed "s/^{/{\"side\":\"nn4j\",\"case\":\"$case\",/" >> "$results"
}

for round in $(seq "$rounds"); do
  echo "compare: round $round of $rounds" >&2
  peer 1 xor-numpy --seconds "$seconds"
  nn4j xor-numerical --threads 1 --sizes 2,2,1 --batch 4 --samples 4 --method numerical --predict-batches 0
  peer 1 xor-torch --seconds "$seconds"
  nn4j xor-backprop --threads 1 --sizes 2,2,1 --batch 4 --samples 4 --method backprop --predict-batches 0
  for threads in 1 2; do
    peer "$threads" mlp-torch --dtype float32 --samples "$samples" --seconds "$seconds"
    peer "$threads" mlp-torch --dtype float64 --samples "$samples" --seconds "$seconds"
    peer "$threads" mlp-sklearn --samples "$samples"
    nn4j "mlp-$threads" --threads "$threads" --samples "$samples" --predict-batches 0
    nn4j "mlp32-$threads" --threads "$threads" --samples "$samples" --predict-batches 0 --precision float32
  done
  peer 1 predict-torch --batch 1 --seconds "$seconds"
  peer 1 predict-torch --batch 1024 --seconds "$seconds"
  nn4j predict --threads 1 --samples 2048 --predict-batches 1,1024
  nn4j predict32 --threads 1 --samples 2048 --predict-batches 1,1024 --precision float32
  peer 1 matmul-torch --n "$n" --dtype float32 --seconds "$seconds"
  peer 1 matmul-torch --n "$n" --dtype float64 --seconds "$seconds"
  nn4j matmul --threads 1 --sizes 2,1 --batch 1 --samples 1 --predict-batches 0 --matmul "$n"
  nn4j matmul32 --threads 1 --sizes 2,1 --batch 1 --samples 1 --predict-batches 0 --matmul "$n" --precision float32
done

"$python" - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]

def med(side, case, key, threads=None, sub=None):
    values = []
    for r in rows:
        if r["side"] != side or r["case"] != case or (threads is not None and r.get("threads") != threads):
            continue
        v = r[key] if sub is None else r[key][sub]
        values.append(v)
    return statistics.median(values) if values else float("nan")

def rss(side, case, threads=None):
    return med(side, case, "peak_rss_bytes", threads) / 2**20

nn4j = [r for r in rows if r["side"] == "nn4j"]
print("machine: " + nn4j[0]["machine"] + "; nn4j kernels: " + nn4j[0]["kernels"])
print(f"medians of {len([r for r in rows if r['case'] == 'xor-numpy'])} rounds\n")
print("| comparison | peer | nn4j | nn4j vs peer | peak RSS peer / nn4j |")
print("| --- | --- | --- | --- | --- |")
numpy_us = med("peer", "xor-numpy", "us_per_epoch")
nn4j_num = 1e6 / med("nn4j", "xor-numerical", "train_samples_per_second") * 4
print(f"| (a) XOR epoch, numerical gradient (µs) | numpy {numpy_us:.1f} | {nn4j_num:.2f} | {numpy_us / nn4j_num:.0f}× faster "
      f"| {rss('peer', 'xor-numpy'):.0f} / {rss('nn4j', 'xor-numerical'):.0f} MiB |")
torch_us = med("peer", "xor-torch", "us_per_epoch")
nn4j_bp = 1e6 / med("nn4j", "xor-backprop", "train_samples_per_second") * 4
print(f"| (b) XOR epoch, analytic gradient (µs) | PyTorch {torch_us:.1f} | {nn4j_bp:.2f} | {torch_us / nn4j_bp:.0f}× faster "
      f"| {rss('peer', 'xor-torch'):.0f} / {rss('nn4j', 'xor-backprop'):.0f} MiB |")
for threads in (1, 2):
    for case, name in (("mlp-torch-float32", "PyTorch float32"), ("mlp-torch-float64", "PyTorch float64"),
                       ("mlp-sklearn", "scikit-learn")):
        theirs = med("peer", case, "samples_per_second", threads)
        for ours_case, label in ((f"mlp32-{threads}", "float32"), (f"mlp-{threads}", "float64")):
            ours = med("nn4j", ours_case, "train_samples_per_second")
            print(f"| (c) MLP training, {threads} thread{'s' if threads > 1 else ''} (samples/s) | {name} {theirs:,.0f} "
                  f"| {ours:,.0f} ({label}) | {ours / theirs:.2f}× | {rss('peer', case, threads):.0f} / "
                  f"{rss('nn4j', ours_case):.0f} MiB |")
n = int(med("nn4j", "matmul", "matmul_n"))
for dtype, ours_case in (("float32", "matmul32"), ("float64", "matmul")):
    theirs = med("peer", f"matmul-torch-{dtype}", "gflops")
    ours = med("nn4j", ours_case, "matmul_gflops")
    print(f"| matrix product {n}×{n}, 1 thread (GFLOP/s) | PyTorch {dtype} {theirs:.1f} | {ours:.1f} ({dtype}) "
          f"| {ours / theirs:.2f}× | |")
for batch in (1, 1024):
    theirs = statistics.median([r["samples_per_second"] for r in rows
                                if r["case"] == "predict-torch" and r["batch"] == batch])
    for ours_case, label in (("predict32", "float32"), ("predict", "float64")):
        ours = med("nn4j", ours_case, "predict_samples_per_second", sub=str(batch))
        print(f"| (d) MLP prediction, batch {batch} (samples/s) | PyTorch float32 {theirs:,.0f} | {ours:,.0f} ({label}) "
              f"| {ours / theirs:.2f}× | |")
PY
