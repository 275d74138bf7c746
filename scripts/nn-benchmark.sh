#!/usr/bin/env bash
# Throughput of the property model (TrainingBenchmark) next to the PyTorch reference, one after the other.
# Usage: scripts/nn-benchmark.sh [TrainingBenchmark options...]   (run from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${UNATE_SHARED:-../shared}
OUT=${OUT:-target/benchmark}
mkdir -p "$OUT"
mvn -o -q -B compile dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="target/classes:$(cat "$OUT/cp.txt")"
java -cp "$CP" org.unate.property.TrainingBenchmark --json "$OUT/java.json" "$@"
if [ -f "$SHARED/peers/cgcnn_torch.py" ]; then
  (cd "$SHARED/peers" && /usr/bin/python3 cgcnn_torch.py --n 2000 --epochs 6 --json "$PWD/../../$(basename "$PWD")/x.json" >/dev/null 2>&1 || true)
fi
