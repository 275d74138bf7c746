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
(
  for name in "${names[@]}"; do
    java -jar "$jar/unate.jar" sweep --config "experiments/$name.json" --scale paper --out "results/sweeps/$name" \
      2>&1 | grep --line-buffered -v 'tensorflow/\|oneDNN\|absl::\|^I0000\|AVX' || echo "sweep $name ended with an error"
  done
) >> runs/sweeps.log 2>&1 < /dev/null &
echo "sweeps ${names[*]}: started (pid $!), log runs/sweeps.log"
