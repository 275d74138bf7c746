#!/usr/bin/python3
"""Reference periodic neighbour distances from pymatgen, for checking and timing the Java graph builder.

For the first N JARVIS-DFT-3D records it builds each cell from the CIF text exactly as written (cell parameters
through pymatgen Lattice.from_parameters, sites in CIF row order, literal fractional coordinates; the peers'
jarvis_io.structure_from_cif_literal) and writes one JSON object per line:

  index    0-based position in the data file
  id       JARVIS record id
  lattice  3x3 lattice matrix, rows = lattice vectors, angstrom (pymatgen's orientation)
  species  element symbols, CIF row order
  frac     literal fractional coordinates, [nSites][3]
  d5       per site, sorted distances of every neighbour within 5.0 A   (get_neighbor_list(5.0))
  knn12    per site, the 12 smallest distances within 8.0 A             (get_neighbor_list(8.0))
  n8       per site, number of neighbours within 8.0 A
Distances are rounded to 1e-10 A. Neighbours are periodic images of every site, the centre's own images
included, the zero-distance self excluded; pymatgen counts d <= r + 1e-8.

With --structures-only only index/id/lattice/species/frac are written (no pymatgen neighbour lists).
With --time R the pymatgen get_neighbor_list calls are timed (best of R passes, single thread, structure
construction excluded) and written as JSON to --timing-json (or stderr).

The peers folder (jarvis_io.py) is imported by path: --peers DIR, else $UNATE_SHARED/peers, else
<repo>/../shared/peers.

Usage: /usr/bin/python3 scripts/peer-neighbors.py [N] [--out FILE.jsonl] [--data FILE] [--peers DIR]
                                                 [--structures-only] [--time R] [--timing-json FILE]
"""
import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_v] = "1"

import argparse
import importlib.util
import json
import platform
import sys
import time

R5 = 5.0
R8 = 8.0
K = 12


def load_jarvis_io(peers_dir):
    path = os.path.join(peers_dir, "jarvis_io.py")
    if not os.path.exists(path):
        raise SystemExit(f"peer-neighbors: {path} not found (pass --peers DIR)")
    spec = importlib.util.spec_from_file_location("jarvis_io", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def default_peers():
    env = os.environ.get("UNATE_SHARED")
    if env:
        return os.path.join(env, "peers")
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.path.normpath(os.path.join(repo, "..", "shared", "peers"))


def per_site(n, centers, dists):
    import numpy as np

    order = np.lexsort((dists, centers))
    c, d = centers[order], dists[order]
    bounds = np.searchsorted(c, np.arange(n + 1))
    return [d[bounds[i]:bounds[i + 1]] for i in range(n)]


def r10(a):
    return [round(float(x), 10) for x in a]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=2000)
    ap.add_argument("--out", help="JSON Lines output (default: stdout)")
    ap.add_argument("--data", help="JARVIS jsonl.gz (default: the peers' default)")
    ap.add_argument("--peers", default=default_peers())
    ap.add_argument("--structures-only", action="store_true")
    ap.add_argument("--time", type=int, default=0, metavar="R", help="time get_neighbor_list, best of R passes")
    ap.add_argument("--timing-json", help="where to write the timing results")
    args = ap.parse_args()

    jio = load_jarvis_io(args.peers)
    import numpy as np
    from pymatgen.core import Lattice, Structure

    data = args.data or jio.DEFAULT_DATA
    recs = jio.load_records(data, args.n)
    out = open(args.out, "w") if args.out else sys.stdout
    structs = []
    try:
        for k, rec in enumerate(recs):
            cif = rec["cif"]
            syms, fc = jio.cif_site_rows(cif)
            lat = Lattice.from_parameters(*jio.cif_cell_parameters(cif))
            row = {"index": k, "id": rec["id"], "lattice": lat.matrix.tolist(), "species": syms,
                   "frac": fc.tolist()}
            if not args.structures_only or args.time > 0:
                s = Structure(lat, syms, fc)
                structs.append(s)
            if not args.structures_only:
                n = len(s)
                c5, _, _, d5 = s.get_neighbor_list(R5)
                c8, _, _, d8 = s.get_neighbor_list(R8)
                l5 = per_site(n, np.asarray(c5), np.asarray(d5))
                l8 = per_site(n, np.asarray(c8), np.asarray(d8))
                row["d5"] = [r10(x) for x in l5]
                row["knn12"] = [r10(x[:K]) for x in l8]
                row["n8"] = [int(len(x)) for x in l8]
            out.write(json.dumps(row, separators=(",", ":")) + "\n")
    finally:
        if args.out:
            out.close()

    if args.time > 0:
        import importlib.metadata as md

        def run(r, knn):
            edges = 0
            for s in structs:
                c, p, img, d = s.get_neighbor_list(r)
                if knn:
                    order = np.lexsort((d, c))
                    c = c[order]
                    starts = np.searchsorted(c, np.arange(len(s)))
                    rank = np.arange(len(c)) - starts[c]
                    edges += int(np.count_nonzero(rank < K))
                else:
                    edges += len(c)
            return edges

        res = {"n_structures": len(structs), "repeat": args.time, "machine": platform.machine(),
               "cpus": os.cpu_count(), "pymatgen": md.version("pymatgen"), "numpy": md.version("numpy"),
               "methods": {}}
        for name, r, knn in (("get_neighbor_list(8.0)", R8, False), ("get_neighbor_list(5.0)", R5, False),
                             ("get_neighbor_list(8.0)+lexsort top12", R8, True)):
            times = []
            edges = 0
            for _ in range(args.time):
                t0 = time.perf_counter()
                edges = run(r, knn)
                times.append(time.perf_counter() - t0)
            best = min(times)
            res["methods"][name] = {"seconds_best": best, "seconds_all": times, "edges": edges,
                                    "structures_per_s": len(structs) / best, "edges_per_s": edges / best}
        text = json.dumps(res, indent=1)
        if args.timing_json:
            with open(args.timing_json, "w") as f:
                f.write(text)
        else:
            sys.stderr.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
