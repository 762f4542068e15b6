#!/usr/bin/env bash
# nn4j's defaults, nn4j after 'tune' and scikit-learn's MLP with GridSearchCV, on the same 5 outer folds of iris,
# digits and three seeded synthetic tables (gaps, 90:10 imbalance, a small regression). benchmarks/tables_compare.py
# says what each side does. Needs Java 17, Maven and Debian's python3-sklearn (set PYTHON to another interpreter).
# Usage: benchmarks/tables-compare.sh [--tables iris,digits,...] [--trials N] [--max-load L] [--max-wait SECONDS] [--json FILE]
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -o -pl nn4j-cli -am package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${PYTHON:-/usr/bin/python3}" benchmarks/tables_compare.py "$work" \
    "java --add-modules jdk.incubator.vector -jar nn4j-cli/target/nn4j.jar" "$@"
