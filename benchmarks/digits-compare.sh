#!/usr/bin/env bash
# Digits (8x8 handwritten, 10 classes): nn4j's default 'train' against scikit-learn's MLPClassifier with
# hidden_layer_sizes=(64,), on the same seeded, stratified 75/25 split written by 'nn4j split'.
# Needs python3 with scikit-learn (Debian: python3-sklearn). Usage: benchmarks/digits-compare.sh [SEED ...]
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seeds=("$@")
[ ${#seeds[@]} -eq 0 ] && seeds=(1)

# The digits table that ships with nn4j (--dataset digits), as a file both tools read.
data="$work/digits.csv"
./nn4j data digits --out "$data" >/dev/null
for seed in "${seeds[@]}"; do
  echo "== seed $seed"
  ./nn4j split --data "$data" --label digit --test 0.25 --seed "$seed" --out "$work/$seed" >/dev/null
  taskset -c 0 ./nn4j train --data "$work/$seed/train.csv" --label digit --test-data "$work/$seed/test.csv" \
      --seed "$seed" > "$work/$seed/nn4j.txt"
  accuracy=$(grep -m1 '^Accuracy:' "$work/$seed/nn4j.txt" | awk '{print $2}')
  seconds=$(grep -m1 '^Training took' "$work/$seed/nn4j.txt" | awk '{print $3}')
  rows=$(grep -m1 '^Test set' "$work/$seed/nn4j.txt" | grep -o '[0-9]* rows')
  echo "nn4j train (defaults: 64 relu, adam, early stopping): test accuracy $accuracy ($rows), trained in $seconds s on one core"
  taskset -c 0 python3 benchmarks/digits_sklearn.py "$work/$seed/train.csv" "$work/$seed/test.csv" "$seed"
done
