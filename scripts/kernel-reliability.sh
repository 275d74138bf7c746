#!/usr/bin/env bash
# Start-up reliability of the Java kernel: executes a small notebook headless N times (default 50) with
#   /usr/bin/jupyter nbconvert --to notebook --execute
# and prints how many runs passed, hung (hit the per-run timeout) or failed.
#
# Usage: scripts/kernel-reliability.sh [N] [TIMEOUT_SECONDS=120]
# Needs target/unate.jar and target/lib (mvn -o -q -B package -DskipTests). Installs the kernelspec into
# environment/share/jupyter if it is missing. Env: JAVA (java binary for the kernelspec, default: the kernel's own).
set -u
N="${1:-50}"
PER_RUN_TIMEOUT="${2:-120}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

if [[ ! -f target/unate.jar || ! -d target/lib ]]; then
    echo "target/unate.jar or target/lib missing: run mvn -o -q -B package -DskipTests first" >&2
    exit 2
fi
export JUPYTER_PATH="$ROOT/environment/share/jupyter"
if [[ ! -f "$JUPYTER_PATH/kernels/java/kernel.json" ]]; then
    java -cp "target/unate.jar:target/lib/*" org.unate.kernel.KernelMain --install environment ${JAVA:+--java "$JAVA"} >/dev/null || exit 2
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/unate-kernel-reliability.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export JUPYTER_RUNTIME_DIR="$WORK/runtime"

# A small notebook in the IJava dialect: a value, a print, a magic, a displayed image, a table, a library call.
/usr/bin/python3 - "$WORK/probe.ipynb" "$ROOT/target/unate.jar" <<'PY'
import sys, nbformat
from nbformat.v4 import new_notebook, new_code_cell
cells = [
    'int x = 40;\nx + 2',
    'System.out.println("hello from the kernel");',
    '%jars ' + sys.argv[2],
    'var img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);\ndisplay(img);',
    'tech.tablesaw.api.Table.create("t", tech.tablesaw.api.IntColumn.create("n", 1, 2, 3))',
    'org.unate.crystal.Element.of("Fe")',
]
nb = new_notebook(cells=[new_code_cell(c) for c in cells])
nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java", "language": "java"}
nbformat.write(nb, sys.argv[1])
PY

# Checks an executed notebook: 42 as a result, the printed line, a PNG, an HTML table.
check() {
    /usr/bin/python3 - "$1" <<'PY'
import sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
outs = [o for c in nb.cells for o in c.get("outputs", [])]
ok = any(o.get("output_type") == "execute_result" and o["data"].get("text/plain") == "42" for o in outs)
ok &= any(o.get("output_type") == "stream" and "hello from the kernel" in o.get("text", "") for o in outs)
ok &= any("image/png" in o.get("data", {}) for o in outs)
ok &= any("<th>n</th>" in o.get("data", {}).get("text/html", "") for o in outs)
ok &= not any(o.get("output_type") == "error" for o in outs)
sys.exit(0 if ok else 1)
PY
}

passed=0; hung=0; failed=0
start=$(date +%s)
for i in $(seq 1 "$N"); do
    t0=$(date +%s.%N)
    timeout -k 10 "$PER_RUN_TIMEOUT" /usr/bin/jupyter nbconvert --to notebook --execute \
        --ExecutePreprocessor.timeout=60 --output "run.ipynb" --output-dir "$WORK" "$WORK/probe.ipynb" \
        >"$WORK/run.log" 2>&1
    rc=$?
    if [[ $rc -eq 124 || $rc -eq 137 ]]; then
        hung=$((hung + 1)); status=hung
    elif [[ $rc -eq 0 ]] && check "$WORK/run.ipynb"; then
        passed=$((passed + 1)); status=passed
    else
        failed=$((failed + 1)); status="failed (rc=$rc)"
        tail -5 "$WORK/run.log" | sed 's/^/    /'
    fi
    printf 'run %d/%d: %s (%.1f s)\n' "$i" "$N" "$status" "$(echo "$(date +%s.%N) - $t0" | bc)"
    rm -f "$WORK/run.ipynb"
done
echo "kernel reliability: $passed/$N passed, $hung hung, $failed failed ($(( $(date +%s) - start )) s in all)"
[[ $passed -eq $N ]]
