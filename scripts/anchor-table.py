#!/usr/bin/env python3
"""Tabulates the anchor runs: the Java CGCNN (scripts/run-anchor.sh) against the PyTorch reference
(scripts/run-reference.sh), one row per run and the mean and sample standard deviation per side.

    scripts/anchor-table.py PROPERTY BUDGET_MIN [--results DIR]

Reads results/cgcnn-PROPERTY-atomic-number-BUDGETmin[-seedS][-OPTION_VALUE...]/result.json and
results/reference/torch-PROPERTY-atomic-BUDGETmin-seedS/results.json; prints Markdown. Standard library only.
"""
import argparse
import csv
import glob
import json
import math
import os
import re
import statistics


def java_runs(root, prop, budget):
    """Java runs grouped by variant: the initialisation the record's config names (none: glorot, the only one before
    the setting existed) and any other train option in the directory name after the seed."""
    pattern = re.compile(rf"cgcnn-{re.escape(prop)}-atomic-number-{budget}min(?:-seed(\d+))?(?:-(.+))?$")
    groups = {}
    for d in sorted(glob.glob(os.path.join(root, f"cgcnn-{prop}-atomic-number-{budget}min*"))):
        m = pattern.match(os.path.basename(d))
        path = os.path.join(d, "result.json")
        if not m or not os.path.exists(path):
            continue
        with open(path) as f:
            r = json.load(f)
        epochs = r["epochs"]
        init = r["config"]["train"]["model"].get("init") or "glorot"
        others = [o for o in (m.group(2) or "").split("-") if o and not o.startswith("init_")]
        side = f"Java, init {init}" + "".join(f", {o}" for o in others)
        groups.setdefault(side, []).append(
            {"side": side, "seed": r["seed"], "test_mae": r["metrics"]["mae"], "val_mae": r["metrics"]["val_mae"],
             "epochs": epochs, "best_epoch": r.get("best_epoch"), "epoch_s": r["wall_s"] / epochs,
             "dir": os.path.relpath(d, root)})
    return [sorted(runs, key=lambda r: r["seed"]) for _, runs in sorted(groups.items())]


def torch_runs(root, prop, budget):
    runs = []
    for d in sorted(glob.glob(os.path.join(root, "reference", f"torch-{prop}-atomic-{budget}min-seed*"))):
        path = os.path.join(d, "results.json")
        if not os.path.exists(path):
            continue
        with open(path) as f:
            r = json.load(f)
        runs.append({"side": "PyTorch reference", "seed": r["seed"], "test_mae": r["test_mae"],
                     "val_mae": r["best_val_mae"], "epochs": r["epochs_done"], "best_epoch": r["best_epoch"],
                     "epoch_s": r["median_epoch_s"], "dir": os.path.relpath(d, root)})
    return runs


def largest_errors(run_dir, k=5):
    """(MAE without the k largest absolute errors, the largest error) from test-predictions.csv."""
    with open(os.path.join(run_dir, "test-predictions.csv")) as f:
        rows = list(csv.reader(f))[1:]
    errors = sorted((abs(float(r[2]) - float(r[1])) for r in rows), reverse=True)
    return statistics.fmean(errors[k:]), errors[0]


def summary(values):
    mean = statistics.fmean(values)
    sd = statistics.stdev(values) if len(values) > 1 else float("nan")
    return mean, sd


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("property")
    ap.add_argument("budget", type=int)
    ap.add_argument("--results", default=os.path.join(os.path.dirname(__file__), "..", "results"))
    args = ap.parse_args()
    sides = java_runs(args.results, args.property, args.budget) + [torch_runs(args.results, args.property, args.budget)]
    print("| side | seed | test MAE | test MAE without the 5 largest errors | largest error | best val MAE | epochs "
          "| best epoch | s/epoch | record |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for runs in sides:
        for r in runs:
            trimmed, worst = largest_errors(os.path.join(args.results, r["dir"]))
            print(f"| {r['side']} | {r['seed']} | {r['test_mae']:.4f} | {trimmed:.4f} | {worst:.1f} | "
                  f"{r['val_mae']:.4f} | {r['epochs']} | {r['best_epoch']} | {r['epoch_s']:.1f} | {r['dir']} |")
    print()
    print("| side | runs | test MAE mean ± sd | best val MAE mean ± sd |")
    print("| --- | --- | --- | --- |")
    for runs in sides:
        if not runs:
            continue
        t, tsd = summary([r["test_mae"] for r in runs])
        v, vsd = summary([r["val_mae"] for r in runs])
        print(f"| {runs[0]['side']} | {len(runs)} | {t:.4f} ± {tsd:.4f} | {v:.4f} ± {vsd:.4f} |")
    reference = sides[-1]
    for runs in sides[:-1]:
        if len(runs) > 1 and len(reference) > 1:
            a = [r["test_mae"] for r in runs]
            b = [r["test_mae"] for r in reference]
            diff = statistics.fmean(a) - statistics.fmean(b)
            se = math.sqrt(statistics.variance(a) / len(a) + statistics.variance(b) / len(b))
            print()
            print(f"difference of test-MAE means, {runs[0]['side']} - PyTorch: {diff:+.4f}, standard error {se:.4f} (Welch)")


if __name__ == "__main__":
    main()
