#!/usr/bin/python3
"""Export the element property table used by org.unate.crystal.ElementData.

Run with Debian's interpreter (it sees python3-pymatgen and python3-ase):

    /usr/bin/python3 scripts/elements-table.py > src/main/resources/org/unate/crystal/elements.csv

Sources (each column names its own in the CSV header written below):
  * pymatgen 2022.11 `pymatgen/core/periodic_table.json` (MIT licence; the data cite WebElements, the CRC Handbook,
    the NIST Atomic Spectra Database and Wikipedia's data pages) for names, masses, electronegativities, radii,
    ionisation energies, electron affinities, electron configurations, Mendeleev numbers, molar volumes, melting points;
  * pymatgen's `Element.group`, `Element.row`, `Element.block` for the periodic-table position;
  * B. Cordero et al., "Covalent radii revisited", Dalton Trans. 2008, 2832-2838 (doi:10.1039/b801115j), as tabulated
    in ASE 3.22 `ase.data.covalent_radii` (Z = 1..96; Mn, Fe, Co low-spin; C sp3). ASE stores a 0.2 placeholder
    beyond Cm; those are written as missing.

Missing values are empty fields. Corrections of clear data-entry errors in the sources are listed in CORRECTIONS and
printed in the header.
"""
import json
import math
import os
import re
import sys

import ase.data
import pymatgen.core
from pymatgen.core.periodic_table import Element

PT = json.load(open(os.path.join(os.path.dirname(pymatgen.core.__file__), "periodic_table.json")))

# (symbol, column) -> (value, reason)
CORRECTIONS = {
    ("Og", "atomic_mass_u"): (294.0, "pymatgen lists 2949; the mass number of Og-294, the only known isotope, is 294"),
}

COLUMNS = [
    ("z", "atomic number"),
    ("symbol", "IUPAC symbol"),
    ("name", "English name (pymatgen Name)"),
    ("group", "IUPAC group 1-18; lanthanides and actinides 3 (pymatgen Element.group)"),
    ("period", "period 1-7 (pymatgen Element.row)"),
    ("block", "s, p, d or f (pymatgen Element.block: La and Ac are f, Lu and Lr are d)"),
    ("atomic_mass_u", "standard atomic weight in u; mass number of the longest-lived isotope for elements without one"
                      " (pymatgen Atomic mass)"),
    ("electronegativity_pauling", "Pauling electronegativity (pymatgen X)"),
    ("covalent_radius_angstrom", "single-bond covalent radius in angstrom (Cordero et al. 2008 via ASE 3.22)"),
    ("atomic_radius_angstrom", "empirical atomic radius in angstrom (Slater 1964; pymatgen Atomic radius)"),
    ("atomic_radius_calculated_angstrom", "calculated atomic radius in angstrom (Clementi et al. 1967;"
                                          " pymatgen Atomic radius calculated)"),
    ("van_der_waals_radius_angstrom", "van der Waals radius in angstrom (pymatgen Van der waals radius)"),
    ("first_ionization_energy_ev", "first ionisation energy in eV (NIST ASD; pymatgen Ionization energies[0])"),
    ("electron_affinity_ev", "electron affinity in eV, negative for unbound anions (pymatgen Electron affinity)"),
    ("valence_electrons", "electrons outside the noble-gas core of the ground-state configuration"
                          " (= valence_s + valence_p + valence_d + valence_f; filled d and f shells of p-block"
                          " elements included, as in Magpie's NValence)"),
    ("valence_s", "electrons in the outermost s subshell (from pymatgen Electronic structure)"),
    ("valence_p", "electrons in p subshells outside the core"),
    ("valence_d", "electrons in d subshells outside the core"),
    ("valence_f", "electrons in f subshells outside the core"),
    ("mendeleev_number", "Pettifor's Mendeleev number (pymatgen Mendeleev no)"),
    ("molar_volume_cm3", "molar volume of the solid in cm^3/mol (pymatgen Molar volume)"),
    ("melting_point_k", "melting point in K (pymatgen Melting point)"),
]


def number(v, unit=None):
    """A float from a pymatgen value, or None when missing ('no data', None, NaN)."""
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return None if isinstance(v, float) and math.isnan(v) else float(v)
    s = str(v).replace("&gt;", "").replace("(white P)", "").strip()
    if s.startswith("no data") or s.startswith("maybe"):
        return None  # "maybe about 300 K" (Fr) is a guess, not a measurement
    m = re.match(r"^about\s+", s)
    if m:
        s = s[m.end():]
    if unit is not None:
        if not s.endswith(unit):
            raise ValueError("expected unit %r in %r" % (unit, v))
        s = s[: -len(unit)].strip()
    return float(s)


def valence(config):
    """(s, p, d, f) electron counts outside the [noble-gas] core of a pymatgen configuration string."""
    if config is None:
        return None
    c = re.sub(r"</?sup>", "", config).replace("(tentative)", "").strip()
    counts = {"s": 0, "p": 0, "d": 0, "f": 0}
    for part in c.split("."):
        part = part.strip()
        if not part or part.startswith("["):
            continue
        m = re.fullmatch(r"(\d+)([spdf])(\d+)", part)
        if not m:
            raise ValueError("cannot read orbital %r in %r" % (part, config))
        counts[m.group(2)] += int(m.group(3))
    return counts["s"], counts["p"], counts["d"], counts["f"]


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, int):
        return str(v)
    return repr(float(v))


def main(out):
    by_z = {d["Atomic no"]: s for s, d in PT.items()}
    assert sorted(by_z) == list(range(1, 119)), "pymatgen table must hold Z = 1..118"
    out.write("# Element property table for org.unate.crystal.ElementData, written by scripts/elements-table.py\n")
    out.write("# from pymatgen 2022.11 periodic_table.json (MIT; WebElements, CRC Handbook, NIST ASD, Wikipedia data"
              " pages) and Cordero et al., Dalton Trans. 2008, 2832 covalent radii (via ASE 3.22).\n")
    out.write("# Empty field = value not known in the source.\n")
    for name, desc in COLUMNS:
        out.write("# column %s: %s\n" % (name, desc))
    for (sym, col), (val, why) in sorted(CORRECTIONS.items()):
        out.write("# correction %s %s = %s: %s\n" % (sym, col, fmt(val), why))
    out.write(",".join(c for c, _ in COLUMNS) + "\n")
    for z in range(1, 119):
        sym = by_z[z]
        d = PT[sym]
        el = Element(sym)
        ie = d.get("Ionization energies") or [None]
        cov = float(ase.data.covalent_radii[z]) if z <= 96 else None
        val = valence(d.get("Electronic structure"))
        row = {
            "z": z,
            "symbol": sym,
            "name": d["Name"],
            "group": int(el.group),
            "period": int(el.row),
            "block": el.block,
            "atomic_mass_u": number(d["Atomic mass"]),
            "electronegativity_pauling": number(d.get("X")),
            "covalent_radius_angstrom": cov,
            "atomic_radius_angstrom": number(d.get("Atomic radius")),
            "atomic_radius_calculated_angstrom": number(d.get("Atomic radius calculated")),
            "van_der_waals_radius_angstrom": number(d.get("Van der waals radius")),
            "first_ionization_energy_ev": number(ie[0]),
            "electron_affinity_ev": number(d.get("Electron affinity")),
            "valence_electrons": None if val is None else sum(val),
            "valence_s": None if val is None else val[0],
            "valence_p": None if val is None else val[1],
            "valence_d": None if val is None else val[2],
            "valence_f": None if val is None else val[3],
            "mendeleev_number": d.get("Mendeleev no"),
            "molar_volume_cm3": number(d.get("Molar volume"), "cm<sup>3</sup>"),
            "melting_point_k": number(d.get("Melting point"), "K"),
        }
        for (csym, col), (v, _) in CORRECTIONS.items():
            if csym == sym:
                row[col] = v
        for c, _ in COLUMNS:
            if "," in fmt(row[c]):
                raise ValueError("comma in %s %s" % (sym, c))
        out.write(",".join(fmt(row[c]) for c, _ in COLUMNS) + "\n")


if __name__ == "__main__":
    main(sys.stdout)
