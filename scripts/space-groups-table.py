#!/usr/bin/python3
"""Export the table of space-group settings used by org.unate.crystal.io.SpaceGroups.

Run with Debian's interpreter (it sees python3-spglib):

    /usr/bin/python3 scripts/space-groups-table.py > src/main/resources/org/unate/crystal/io/space-groups.tsv

Source: spglib 2.0.2 (Debian package python3-spglib 2.0.2-1, BSD-3-Clause), its database of the 530 Hall settings of
the 230 space-group types (International Tables for Crystallography Vol. A, Table 4.3.2.1, as encoded by spglib):
`spglib.get_spacegroup_type(hall_number)` for the number, setting choice, Hall symbol and Hermann-Mauguin symbols,
and `spglib.get_symmetry_from_database(hall_number)` for every operation of the setting (centring translations
included).

One row per Hall setting, tab-separated:
  hall      spglib's Hall number, 1..530; the first row of each space-group number is its standard setting
  number    International Tables number, 1..230
  choice    spglib's setting choice: '' (one setting), b1..-a3 (monoclinic axis and cell), 1/2 (origin), H/R (axes),
            abc permutations (orthorhombic)
  hall_sym  Hall symbol
  names     '|'-separated Hermann-Mauguin symbols that name this very setting: the full symbol, the setting's own short
            symbol, and for unique-axis-b monoclinic settings the short symbol without the 1s (P 1 21/n 1 -> P 21/n)
  standard  the short symbol of the space-group type (the same on every setting of one number)
  ops       ';'-separated operations in Jones-faithful form (x,y,z)
"""
import sys
from fractions import Fraction

import spglib


def term(coef, axis):
    if coef == 0:
        return ""
    sign = "-" if coef < 0 else "+"
    return sign + axis


def xyz(rot, trans):
    parts = []
    for i in range(3):
        s = "".join(term(int(rot[i][j]), "xyz"[j]) for j in range(3))
        t = Fraction(float(trans[i])).limit_denominator(48)
        t -= t.numerator // t.denominator  # into [0, 1)
        if t != 0:
            s += f"+{t.numerator}/{t.denominator}"
        parts.append(s.lstrip("+"))
    return ",".join(parts)


def own_names(t):
    names = [t["international_full"]]
    intl = t["international"]
    names.append(intl.split("=")[-1].strip())
    tokens = t["international_full"].split()
    if 75 > t["number"] >= 3 and len(tokens) == 4 and tokens[1] == "1" and tokens[3] == "1":
        names.append(tokens[0] + " " + tokens[2])  # unique axis b: P 1 21/n 1 -> P 21/n
    out = []
    for n in names:
        if n not in out:
            out.append(n)
    return out


def main():
    print(f"# space-group settings from spglib {spglib.__version__} (Hall numbers 1..530); written by "
          "scripts/space-groups-table.py, see there for the columns")
    print("# hall\tnumber\tchoice\thall_symbol\tnames\tstandard\tops")
    for h in range(1, 531):
        t = spglib.get_spacegroup_type(h)
        s = spglib.get_symmetry_from_database(h)
        ops = [xyz(r, tr) for r, tr in zip(s["rotations"], s["translations"])]
        if len(set(ops)) != len(ops):
            sys.exit(f"hall {h}: repeated operation")
        print("\t".join([str(h), str(t["number"]), t["choice"], t["hall_symbol"], "|".join(own_names(t)),
                         t["international_short"], ";".join(ops)]))


if __name__ == "__main__":
    main()
