#!/usr/bin/env bash
# The committed sweeps at paper scale, one after another, in the background (default: the MBJ sweep, the formation-energy sweep, then the
# catalogue probes of both properties). Run again after an interruption: every sweep skips its
# finished records and resumes its interrupted runs (docs/experiments.md, "Resuming after kill -9").
#   scripts/run-sweeps.sh [NAME...]     NAME: a config under experiments/ without .json (default: see above)
# The jar is built and copied with its libraries first, so rebuilding the project meanwhile cannot disturb the runs.
# Log: runs/sweeps.log (every sweep's progress lines, TensorFlow's start-up lines left out).
set -euo pipefail
cd "$(dirname "$0")/.."
names=("$@")
[[ ${#names[@]} -gt 0 ]] || names=(mbj-cgcnn eform-cgcnn probe-catalogue-mbj probe-catalogue-eform)
for name in "${names[@]}"; do
  [[ -f experiments/$name.json ]] || { echo "no sweep config experiments/$name.json" >&2; exit 2; }
done
jar="runs/jar-$(git rev-parse --short HEAD)"
if [[ ! -d $jar ]]; then
  mvn -o -q -B package -DskipTests > /dev/null
  mkdir -p "$jar" && cp -r target/unate.jar target/lib "$jar/"
fi
mkdir -p runs results/sweeps
# A config's training.workers runs go side by side as that many processes (one worker each) rather than as threads
# of one JVM: measured 12-21 % faster per run here (docs/experiments.md). The starts split the runs between them.
workers_of() { grep -o '"workers": *[0-9]*' "experiments/$1.json" | grep -o '[0-9]*$' || echo 1; }
start() {
  java -jar "$jar/unate.jar" sweep --config "experiments/$1.json" --scale paper --out "results/sweeps/$1" --workers 1 \
    2>&1 | grep --line-buffered -v 'tensorflow/\|oneDNN\|absl::\|^I0000\|AVX' || echo "sweep $1 ended with an error"
}
(
  for name in "${names[@]}"; do
    n=$(workers_of "$name")
    for ((k = 1; k < n; k++)); do start "$name" & sleep 20; done
    start "$name"
    wait
  done
) >> runs/sweeps.log 2>&1 < /dev/null &
echo "sweeps ${names[*]}: started (pid $!), log runs/sweeps.log"
