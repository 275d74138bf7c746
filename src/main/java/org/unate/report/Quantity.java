package org.unate.report;

import java.util.Map;

/**
 * A predicted property as figures name it: words and a unit.
 *
 * @param property the record's {@code property}, e.g. {@code mbj_bandgap}
 * @param name     words for axis titles, e.g. "MBJ band gap"
 * @param unit     its unit, e.g. "eV" ("" when unknown or unitless)
 */
public record Quantity(String property, String name, String unit) {
    private static final Map<String, Quantity> KNOWN = Map.of(
            "mbj_bandgap", new Quantity("mbj_bandgap", "MBJ band gap", "eV"),
            "optb88vdw_bandgap", new Quantity("optb88vdw_bandgap", "OptB88vdW band gap", "eV"),
            "hse_gap", new Quantity("hse_gap", "HSE band gap", "eV"),
            "formation_energy_peratom", new Quantity("formation_energy_peratom", "formation energy", "eV/atom"),
            "bulk_modulus_kv", new Quantity("bulk_modulus_kv", "bulk modulus (Voigt)", "GPa"),
            "shear_modulus_gv", new Quantity("shear_modulus_gv", "shear modulus (Voigt)", "GPa"),
            "ehull", new Quantity("ehull", "energy above hull", "eV/atom"));

    /** The JARVIS labels of docs/formats.md with their units; any other property is named as it is, without unit. */
    public static Quantity of(String property) {
        Quantity q = KNOWN.get(property);
        return q != null ? q : new Quantity(property, property, "");
    }

    /** "MBJ band gap (eV)", or the name alone without a unit. */
    public String withUnit() {
        return unit.isEmpty() ? name : name + " (" + unit + ")";
    }

    /** An axis title with a word in front: {@code axis("DFT")} = "DFT MBJ band gap (eV)". */
    public String axis(String prefix) {
        return prefix + " " + withUnit();
    }
}
