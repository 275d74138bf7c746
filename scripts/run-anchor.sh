#!/usr/bin/env bash
# Trains the CGCNN-style model with atomic-number features on the peers' split and wall-clock budget, the setting of
# the PyTorch reference (shared/peers/cgcnn_fit.py), and keeps the result under results/.
#   scripts/run-anchor.sh PROPERTY BUDGET_MIN [FEATURES [SEED [TRAIN OPTIONS...]]]
# SEED (default 123, the split's seed) seeds initialisation and shuffling only: the split always comes from the file.
# Further options go to `unate train` and into the run's name (e.g. `--init torch` -> ...-init_torch).
# The jar is built and copied with its libraries first, so rebuilding the project while a run goes on cannot disturb it.
set -euo pipefail
cd "$(dirname "$0")/.."
prop=$1 budget=$2 features=${3:-atomic-number} seed=${4:-123}
shift $(( $# < 4 ? $# : 4 ))
extra=("$@")
name="cgcnn-${prop}-${features//:/_}-${budget}min"
[[ $seed == 123 ]] || name="$name-seed$seed"
for ((i = 0; i < ${#extra[@]}; i += 2)); do name="$name-${extra[i]#--}_${extra[i+1]:-on}"; done
run="runs/$name" keep="results/$name"
mkdir -p "$run" "$keep"
jar="runs/jar-$(git rev-parse --short HEAD)"
if [[ ! -d $jar ]]; then  # built from the committed tree's sources as they are now
  mvn -o -q -B package -DskipTests > /dev/null
  mkdir -p "$jar" && cp -r target/unate.jar target/lib "$jar/"
fi
split="${UNATE_SPLITS:-../shared/peers/splits}/${prop}-seed123.json"
cmd=(java -jar "$jar/unate.jar" train --property "$prop" --features "$features" --split "$split" --seed "$seed"
     --time-budget-min "$budget" --threads 2 --out "$run" "${extra[@]}")
echo "${cmd[*]}" > "$keep/command.txt"
"${cmd[@]}" > "$run/log.txt" 2>&1
cp "$run/result.json" "$run/history.csv" "$run/test-predictions.csv" "$keep/"
# the log without progress-bar redraws
tr '\r' '\n' < "$run/log.txt" | grep -av '│' > "$keep/log.txt"
echo "$keep"
