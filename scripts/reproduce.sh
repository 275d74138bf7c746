#!/usr/bin/env bash
# The study end to end, what `make reproduce [SCALE=quick|paper]` runs:
#   1. pretraining of the CGCNN encoder (UNATE's tables)      -> OUT/pretrained/cgcnn-d128/
#   2-5. the four committed sweeps of experiments/, reading the tables of step 1 -> OUT/sweeps/NAME/
#   6. the report of this run (every table and figure of `make figures`) -> OUT/report/
# OUT is build/reproduce/SCALE; nothing under results/ is touched. quick: a short pretraining on the first 5,000
# structures and every sweep at its config's quick scale (a fixed 2,000-crystal training subsample, 3 seeds, a short
# epoch cap), labelled "quick" on every table and figure. paper: the full pretraining and the sweeps as committed
# (many hours here). Interrupted (Ctrl-C, kill -9, a reboot), the same command resumes: pretraining from its last
# epoch, every sweep from its finished records and its interrupted run; the report is rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-quick}
java=${JAVA:-java}
jar=${UNATE_JAR:-target/unate.jar}
out=build/reproduce/$scale
sweeps=(mbj-cgcnn eform-cgcnn probe-catalogue-mbj probe-catalogue-eform)
case $scale in
  quick)
    pretrain=(--limit 5000 --epochs 5 --threads 2)
    # minutes per step on the 2-core reference machine (README, "make reproduce"); used for the overall ETA only
    minutes=(1 16 11 3 2 1) ;;
  paper)
    pretrain=(--epochs 50 --threads 1)   # the committed run's settings (results/pretrained/cgcnn-d128)
    minutes=(112 480 240 60 60 1) ;;
  *) echo "reproduce: SCALE must be quick or paper, got '$scale'" >&2; exit 2 ;;
esac
[[ -f $jar ]] || { echo "reproduce: $jar is missing; run make setup first" >&2; exit 2; }
mkdir -p "$out"
t0=$(date +%s)
total=0; for m in "${minutes[@]}"; do total=$((total + m)); done
done_min=0
step=0
header() {  # header TITLE: the step, the time so far and the planned time left
  local el=$(( ($(date +%s) - t0) / 60 ))
  step=$((step + 1))
  echo
  echo "== reproduce ($scale) step $step/6: $1 | ${el} min so far, about $((total - done_min)) min left (estimate) =="
}
finish() { done_min=$((done_min + minutes[step - 1])); }
# TensorFlow's start-up lines are noise in a long log; the tools' own progress lines stay
quiet() { grep --line-buffered -v 'tensorflow/\|oneDNN\|absl::\|^I0000\|AVX' || true; }
run() { "$@" 2>&1 | quiet; return "${PIPESTATUS[0]}"; }

header "pretraining UNATE (CGCNN encoder, d = 128) into $out/pretrained/cgcnn-d128"
run "$java" -jar "$jar" pretrain --backbone cgcnn --dim 128 --seed 0 "${pretrain[@]}" \
  --out "$out/pretrained/cgcnn-d128" \
  || { echo "reproduce: pretraining failed (see above); run again to resume" >&2; exit 1; }
finish

for name in "${sweeps[@]}"; do
  header "sweep $name at $scale scale into $out/sweeps/$name"
  run "$java" -jar "$jar" sweep --config "experiments/$name.json" --scale "$scale" \
    --unate-tables "$out/pretrained/cgcnn-d128" --out "$out/sweeps/$name" \
    || { echo "reproduce: sweep $name failed (see above); run again to resume" >&2; exit 1; }
  finish
done

header "the report of this run into $out/report"
run "$java" -jar "$jar" report --results "$out" --out "$out/report" \
  || { echo "reproduce: the report failed (see above)" >&2; exit 1; }
el=$(( $(date +%s) - t0 ))
echo
echo "reproduce ($scale): done in $((el / 60)) min $((el % 60)) s. The report: $out/report/README.md"
