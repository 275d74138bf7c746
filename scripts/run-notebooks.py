#!/usr/bin/env python3
"""Execute the project's notebooks headless on the project's Java kernel and check what they show.

Each notebooks/NN-*.ipynb is run in its own folder (so `%jars ../target/...` resolves), with UNATE_SCALE taken from
the environment (`ci` or `full`). The executed copy goes to build/notebooks/<scale>/. A notebook passes when no cell
raised an error and every cell tagged `expect-image` (or `expect-html`) produced an image/png (or text/html) output.
The last line reads `notebooks: N passed, M failed`; the exit status is non-zero when any failed. Results are also
written to build/notebooks/<scale>/results.json for scripts/test-summary.py.

With --commit, a notebook that passed is also written back over notebooks/NN-*.ipynb with its outputs, so that it
reads well on a code-hosting site without being executed: TensorFlow and absl log lines are taken out of the stream
outputs, nbclient's per-cell timestamps are dropped, and the notebook's metadata says at which scale and from which
commit the outputs came (`make notebooks-commit`).

Usage: scripts/run-notebooks.py [NOTEBOOK ...] [--timeout SECONDS_PER_CELL (0 = none)] [--commit]
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXPECT = {"expect-image": "image/png", "expect-html": "text/html"}


def check_outputs(nb):
    """Problems found in an executed notebook's outputs (empty when it is fine)."""
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        outputs = cell.get("outputs", [])
        for out in outputs:
            if out.get("output_type") == "error":
                problems.append(f"cell {index}: {out.get('ename')}: {out.get('evalue')}")
        for tag in cell.get("metadata", {}).get("tags", []):
            mime = EXPECT.get(tag)
            if mime and not any(mime in out.get("data", {}) for out in outputs):
                problems.append(f"cell {index}: tagged {tag} but shows no {mime} output")
    return problems


# native TensorFlow / absl lines (I0000 ..., 2026-... I tensorflow/..., oneDNN notices), never the notebook's own text
NOISE = re.compile(r"^(?:[IWE]\d{4} \d\d:\d\d:\d\d|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+: [IWE] )|tensorflow/|oneDNN|absl::|"
                   r"^WARNING: All log messages before absl::InitializeLog")


def clean(nb, scale):
    """The executed notebook as committed: log noise out of the stream outputs, no per-cell timestamps, provenance."""
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
        if cell.cell_type != "code":
            continue
        kept = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                lines = [l for l in out.get("text", "").splitlines(keepends=True) if not NOISE.search(l)]
                if not lines:
                    continue
                out["text"] = "".join(lines)
            kept.append(out)
        cell["outputs"] = kept
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    nb.metadata["unate"] = {"outputs_from": f"UNATE_SCALE={scale}, code {commit}",
                            "rerun": "make notebooks-commit (or UNATE_SCALE=ci make test-notebooks for the fast check)"}
    return nb


def run(path, out_dir, timeout):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout if timeout > 0 else None, startup_timeout=180,
                            kernel_name=nb.metadata.get("kernelspec", {}).get("name", "java"),
                            resources={"metadata": {"path": str(path.parent)}})
    started = time.time()
    problems = []
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
        first = str(e).strip().splitlines()
        problems.append(f"execution stopped: {type(e).__name__}: {first[-1] if first else ''}")
    except Exception as e:  # a kernel that cannot start, for instance
        problems.append(f"execution failed: {type(e).__name__}: {e}")
    problems += [p for p in check_outputs(nb) if p not in problems]
    nbformat.write(nb, out_dir / path.name)
    return problems, time.time() - started, nb


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", type=pathlib.Path)
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per cell; 0 = no limit")
    ap.add_argument("--commit", action="store_true",
                    help="write each notebook that passed back over its source, outputs cleaned (see above)")
    args = ap.parse_args()
    scale = os.environ.setdefault("UNATE_SCALE", "ci")
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    out_dir = ROOT / "build" / "notebooks" / scale
    out_dir.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("JUPYTER_PATH"):
        os.environ["JUPYTER_PATH"] = str(ROOT / "environment" / "share" / "jupyter")
    results = []
    for path in paths:
        path = path.resolve()
        print(f"[notebook] {path.name} (UNATE_SCALE={scale}) ...", flush=True)
        problems, seconds, nb = run(path, out_dir, args.timeout)
        status = "PASS" if not problems else "FAIL"
        print(f"[notebook] {status} {path.name} in {seconds:.0f} s -> {out_dir / path.name}", flush=True)
        if args.commit and not problems:
            nbformat.write(clean(nb, scale), path)
            print(f"[notebook] outputs written back to {path}", flush=True)
        for p in problems:
            print(f"           {p}", flush=True)
        results.append({"notebook": path.name, "passed": not problems, "seconds": round(seconds, 1),
                        "problems": problems})
    (out_dir / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    passed = sum(r["passed"] for r in results)
    print(f"notebooks: {passed} passed, {len(results) - passed} failed", flush=True)
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
