#!/usr/bin/env bash
# Runs the PyTorch reference (shared/peers/cgcnn_fit.py: same CGCNN, atomic-number embedding, same split seed and
# wall-clock budget) and keeps its records under results/reference/, next to the Java runs of run-anchor.sh.
#   scripts/run-reference.sh PROPERTY BUDGET_MIN [SEED]
# SEED (default 0, the script's default) seeds torch initialisation and shuffling; the split seed stays 123.
set -euo pipefail
cd "$(dirname "$0")/.."
prop=$1 budget=$2 seed=${3:-0}
peers="${UNATE_PEERS:-../shared/peers}"
name="torch-${prop}-atomic-${budget}min-seed$seed"
run="runs/reference/$name" keep="results/reference/$name"
mkdir -p "$run" "$keep"
cmd=(/usr/bin/python3 "$peers/cgcnn_fit.py" --property "$prop" --features atomic --time-budget-min "$budget"
     --threads 2 --split-seed 123 --seed "$seed" --out "$run")
echo "${cmd[*]}" > "$keep/command.txt"
"${cmd[@]}" > "$run/log.txt" 2>&1
cp "$run/results.json" "$run/curve.csv" "$run/test-predictions.csv" "$run/log.txt" "$keep/"
echo "$keep"
