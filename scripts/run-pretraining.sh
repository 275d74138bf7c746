#!/usr/bin/env bash
# The study's two full pretraining runs (every JARVIS structure except the fixed splits' test crystals, d = 128, the
# default configuration), one thread each, side by side, in the background. Run again after an interruption: each
# resumes from results/pretrained/NAME/state (the same command, see docs/pretraining.md).
#   scripts/run-pretraining.sh [NAME...]      NAME: cgcnn-d128, cartnet-d128 (default: both)
# The jar is built and copied with its libraries first, so rebuilding the project while the runs go on cannot
# disturb them. Logs: runs/pretrain-NAME.log (progress lines), command in results/pretrained/NAME/command.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
names=("$@")
[[ ${#names[@]} -gt 0 ]] || names=(cgcnn-d128 cartnet-d128)
jar="runs/jar-$(git rev-parse --short HEAD)"
if [[ ! -d $jar ]]; then
  mvn -o -q -B package -DskipTests > /dev/null
  mkdir -p "$jar" && cp -r target/unate.jar target/lib "$jar/"
fi
for name in "${names[@]}"; do
  case $name in
    cgcnn-d128) backbone=cgcnn ;;
    cartnet-d128) backbone=cartnet ;;
    *) echo "unknown run $name (expected cgcnn-d128 or cartnet-d128)" >&2; exit 2 ;;
  esac
  out="results/pretrained/$name"
  mkdir -p "$out" runs
  cmd=(java -jar "$jar/unate.jar" pretrain --backbone "$backbone" --dim 128 --epochs 50 --threads 1 --out "$out")
  echo "${cmd[*]}" | sed "s|$jar/unate.jar|target/unate.jar|" > "$out/command.txt"
  nohup "${cmd[@]}" >> "runs/pretrain-$name.log" 2>&1 < /dev/null &
  echo "$name: started (pid $!), log runs/pretrain-$name.log"
done
