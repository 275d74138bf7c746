#!/usr/bin/env bash
# Property-model throughput (org.unate.property.TrainingBenchmark) next to the PyTorch reference
# (shared/peers/cgcnn_torch.py), run one after the other, ROUNDS times, so that both see the same machine load.
# Usage (from the repository root): scripts/nn-benchmark.sh [ROUNDS] [-- TrainingBenchmark options...]
# Output: target/benchmark/java-R.json, torch-R.json and a summary table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-2}
shift || true
[ "${1:-}" = "--" ] && shift
SHARED=$(cd "${UNATE_SHARED:-../shared}" && pwd)
OUT=$PWD/target/benchmark
mkdir -p "$OUT"
mvn -o -q -B compile dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="target/classes:$(cat "$OUT/cp.txt")"
for r in $(seq 1 "$ROUNDS"); do
  java -cp "$CP" org.unate.property.TrainingBenchmark --epochs 6 --json "$OUT/java-$r.json" "$@" 2>/dev/null \
    | grep -E '^(#|train [0-9])'
  if [ -f "$SHARED/peers/cgcnn_torch.py" ]; then
    (cd "$SHARED/peers" && /usr/bin/python3 cgcnn_torch.py --n 2000 --epochs 6 --json "$OUT/torch-$r.json" >/dev/null 2>&1)
    /usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('torch train %.0f crystals/s, infer %.0f crystals/s' % (d['train_crystals_per_s'], d['infer_crystals_per_s']))" "$OUT/torch-$r.json"
  fi
done
/usr/bin/python3 - "$OUT" "$ROUNDS" <<'PY'
import json, sys, os
out, rounds = sys.argv[1], int(sys.argv[2])
print("round  java train  torch train  ratio   java infer  torch infer  ratio")
for r in range(1, rounds + 1):
    j = json.load(open(os.path.join(out, "java-%d.json" % r)))
    t_path = os.path.join(out, "torch-%d.json" % r)
    if not os.path.exists(t_path):
        print("%5d  %10.0f  %11s  %5s   %10.0f" % (r, j["train_crystals_per_s"], "-", "-", j["infer_crystals_per_s"]))
        continue
    t = json.load(open(t_path))
    print("%5d  %10.0f  %11.0f  %5.2f   %10.0f  %11.0f  %5.2f" % (r, j["train_crystals_per_s"], t["train_crystals_per_s"],
          j["train_crystals_per_s"] / t["train_crystals_per_s"], j["infer_crystals_per_s"], t["infer_crystals_per_s"],
          j["infer_crystals_per_s"] / t["infer_crystals_per_s"]))
PY
