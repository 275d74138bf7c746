#!/usr/bin/env bash
# The GNN-free probe (composition-weighted vectors -> boosted trees) of pretrained element tables next to CGCNN-92
# and a seeded random table of the same width, on the fixed splits of the MBJ gap and the formation energy.
#   scripts/probe-tables.sh RUN_DIR...     e.g. results/pretrained/cgcnn-d128
# Records: results/probe/PROPERTY/NAME/{result.json,test-predictions.csv,command.txt}, NAME from the run folder and
# table (cgcnn-d128-context, cgcnn-d128-input), cgcnn-92, random-WIDTH.
set -euo pipefail
cd "$(dirname "$0")/.."
jar="runs/jar-$(git rev-parse --short HEAD)"
if [[ ! -d $jar ]]; then
  mvn -o -q -B package -DskipTests > /dev/null
  mkdir -p "$jar" && cp -r target/unate.jar target/lib "$jar/"
fi
splits="${UNATE_SPLITS:-../shared/peers/splits}"
probe() {  # PROPERTY NAME FEATURES
  local keep="results/probe/$1/$2"
  mkdir -p "$keep"
  local cmd=(java -jar "$jar/unate.jar" probe --property "$1" --features "$3" --split "$splits/$1-seed123.json"
             --seed 0 --out "$keep")
  echo "${cmd[*]}" | sed "s|$jar/unate.jar|target/unate.jar|" > "$keep/command.txt"
  "${cmd[@]}" 2>&1 | grep -v 'tensorflow\|oneDNN\|absl\|I0000\|AVX' || true
}
for prop in mbj_bandgap formation_energy_peratom; do
  widths=()
  for run in "$@"; do
    name=$(basename "$run")
    probe "$prop" "$name-context" "table:$run/embeddings.json"
    probe "$prop" "$name-input" "table:$run/embeddings-input.json"
    widths+=("$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['meta']['dim'])" "$run/embeddings.json")")
  done
  probe "$prop" cgcnn-92 table:cgcnn-92
  for w in $(printf '%s\n' "${widths[@]}" | sort -u); do
    probe "$prop" "random-$w" "random:frozen:0:$w"
  done
done
