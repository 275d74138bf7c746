#!/usr/bin/python3
"""Symmetrised CIFs for the differential test of the CIF reader against pymatgen (PymatgenCifDifferentialTest).

Run with Debian's interpreter (it sees python3-pymatgen 2022.11):

    /usr/bin/python3 scripts/cif-differential.py JARVIS.jsonl.gz N OUT_DIR [--seed S] [--symprec P]

For N JARVIS structures, spread evenly over the file, pymatgen's CifWriter(structure, symprec) writes the refined
(conventional standard) cell as an asymmetric unit plus symmetry operators. From each, three files are made:

  ops        the operators in _symmetry_equiv_pos_as_xyz, with _atom_site_type_symbol;
  symop      the operators in _space_group_symop_operation_xyz, without _atom_site_type_symbol (labels like 'Fe0');
  name-only  no operators at all: only _symmetry_space_group_name_H-M and _symmetry_Int_Tables_number.

In every file each coordinate of each site is shifted by a random whole number of cells in -3..3 (seeded), so most
coordinates lie outside [0, 1). pymatgen's CifParser then reads every file (get_structures(primitive=False)), and
OUT_DIR/manifest.jsonl gets one line per file: the file, the variant, the structure id, the site count and composition
pymatgen reads (or its error), and the site count of the refined cell CifWriter was given.
"""
import argparse
import gzip
import json
import os
import random
import sys
import warnings

from pymatgen.io.cif import CifFile, CifParser, CifWriter

warnings.filterwarnings("ignore")

SYMOP = "_symmetry_equiv_pos_as_xyz"
SYMOP_ID = "_symmetry_equiv_pos_site_id"


def records(path, n):
    with gzip.open(path, "rt") as f:
        lines = f.readlines()
    step = max(1, len(lines) // n)
    for line in lines[::step][:n]:
        yield json.loads(line)


def variant(block, kind, rng):
    data = dict(block.data)
    loops = [list(l) for l in block.loops]
    for tag in ("_atom_site_fract_x", "_atom_site_fract_y", "_atom_site_fract_z"):
        data[tag] = [f"{float(v) + rng.randint(-3, 3):.8f}" for v in data[tag]]
    if kind == "symop":
        data["_space_group_symop_operation_xyz"] = data.pop(SYMOP)
        data["_space_group_symop_id"] = data.pop(SYMOP_ID)
        loops = [["_space_group_symop_id", "_space_group_symop_operation_xyz"] if SYMOP in l else l for l in loops]
        del data["_atom_site_type_symbol"]
        loops = [[t for t in l if t != "_atom_site_type_symbol"] for l in loops]
    elif kind == "name-only":
        del data[SYMOP], data[SYMOP_ID]
        loops = [l for l in loops if SYMOP not in l]
    block.data = data
    block.loops = loops
    return block


def composition(structure):
    comp = structure.composition.element_composition
    return {str(el): float(amt) for el, amt in comp.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--symprec", type=float, default=0.01)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(a.seed)
    manifest = open(os.path.join(a.out, "manifest.jsonl.part"), "w")
    for rec in records(a.data, a.n):
        rid = str(rec["id"])
        try:
            s = CifParser.from_string(rec["cif"]).get_structures(primitive=False)[0]
            writer = CifWriter(s, symprec=a.symprec)
        except Exception as e:  # a structure pymatgen cannot symmetrise is left out, and said so
            print(f"{rid}: skipped, pymatgen could not write it: {e}", file=sys.stderr)
            continue
        text = str(writer)
        refined_sites = CifParser.from_string(text).get_structures(primitive=False)[0].num_sites
        for kind in ("ops", "symop", "name-only"):
            cf = CifFile.from_string(text)
            key = list(cf.data)[0]
            block = variant(cf.data[key], kind, rng)
            name = f"{rid}-{kind}.cif"
            body = str(CifFile({key: block}))
            with open(os.path.join(a.out, name), "w") as f:
                f.write(body)
            entry = {"file": name, "variant": kind, "id": rid, "refined_sites": refined_sites}
            try:
                got = CifParser.from_string(body).get_structures(primitive=False)[0]
                entry["sites"] = got.num_sites
                entry["composition"] = composition(got)
            except Exception as e:
                entry["error"] = str(e)[:200]
            manifest.write(json.dumps(entry) + "\n")
    manifest.close()
    os.replace(os.path.join(a.out, "manifest.jsonl.part"), os.path.join(a.out, "manifest.jsonl"))


if __name__ == "__main__":
    main()
