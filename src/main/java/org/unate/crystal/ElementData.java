package org.unate.crystal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Physical and periodic-table properties of one element, for featurizers. One instance per element, Z = 1..118, read
 * once from the resource {@code org/unate/crystal/elements.csv}.
 *
 * <p><b>Sources.</b> The table is exported by {@code scripts/elements-table.py} from pymatgen 2022.11's
 * {@code periodic_table.json} (MIT licence; pymatgen takes its values from WebElements, the CRC Handbook of Chemistry
 * and Physics, the NIST Atomic Spectra Database and Wikipedia's element data pages) and, for covalent radii, from
 * B. Cordero et al., "Covalent radii revisited", Dalton Trans. 2008, 2832-2838 (as tabulated in ASE 3.22; Mn, Fe, Co
 * low-spin, C sp3). One data-entry error of the source is corrected (Og mass 2949 -> 294); the CSV header lists it.
 *
 * <p><b>Missing values.</b> A property the sources do not give (e.g. the electronegativity of He, anything measured
 * for superheavy elements) is {@link Double#NaN} in the {@code double} components; {@link #value(Property)} returns
 * the same NaN and {@link #optional(Property)} an empty {@link OptionalDouble}. Nothing is imputed here: imputation is a
 * featurizer's decision.
 *
 * <p><b>Conventions.</b> Group is 1-18, with lanthanides and actinides in group 3 (pymatgen's convention); block is one
 * of {@code s p d f} (La and Ac are f, Lu and Lr d). {@code valenceElectrons} counts every electron outside the
 * noble-gas core of the ground-state configuration, filled d and f shells included (Fe 8, O 6, Ga 13).
 *
 * @param group                          IUPAC group 1..18
 * @param period                         period 1..7
 * @param block                          's', 'p', 'd' or 'f'
 * @param atomicMass                     standard atomic weight in u (mass number of the longest-lived isotope for
 *                                       elements without one)
 * @param electronegativity              Pauling electronegativity (dimensionless), NaN if unknown
 * @param covalentRadius                 single-bond covalent radius in angstrom (Cordero 2008; Z <= 96), NaN if unknown
 * @param atomicRadius                   empirical atomic radius in angstrom (Slater 1964), NaN if unknown
 * @param atomicRadiusCalculated         calculated atomic radius in angstrom (Clementi 1967), NaN if unknown
 * @param vanDerWaalsRadius              van der Waals radius in angstrom, NaN if unknown
 * @param firstIonizationEnergy          first ionisation energy in eV (NIST ASD), NaN if unknown
 * @param electronAffinity               electron affinity in eV (negative: unbound anion), NaN if unknown
 * @param valenceElectrons               electrons outside the noble-gas core, NaN if the configuration is unknown
 * @param valenceS                       of those, electrons in s subshells (NaN if unknown); likewise p, d, f
 * @param mendeleevNumber                Pettifor's Mendeleev number, NaN if unknown
 * @param molarVolume                    molar volume of the solid in cm^3/mol, NaN if unknown
 * @param meltingPoint                   melting point in K, NaN if unknown
 */
public record ElementData(Element element, String name, int group, int period, char block, double atomicMass,
        double electronegativity, double covalentRadius, double atomicRadius, double atomicRadiusCalculated,
        double vanDerWaalsRadius, double firstIonizationEnergy, double electronAffinity, double valenceElectrons,
        double valenceS, double valenceP, double valenceD, double valenceF, double mendeleevNumber,
        double molarVolume, double meltingPoint) {

    /** The numeric properties, for featurizers that iterate over them. Units as in the record components. */
    public enum Property {
        GROUP, PERIOD, ATOMIC_MASS, ELECTRONEGATIVITY, COVALENT_RADIUS, ATOMIC_RADIUS, ATOMIC_RADIUS_CALCULATED,
        VAN_DER_WAALS_RADIUS, FIRST_IONIZATION_ENERGY, ELECTRON_AFFINITY, VALENCE_ELECTRONS, VALENCE_S, VALENCE_P,
        VALENCE_D, VALENCE_F, MENDELEEV_NUMBER, MOLAR_VOLUME, MELTING_POINT
    }

    /** Resource path of the table. */
    public static final String RESOURCE = "/org/unate/crystal/elements.csv";

    private static final String[] COLUMNS = {"z", "symbol", "name", "group", "period", "block", "atomic_mass_u",
        "electronegativity_pauling", "covalent_radius_angstrom", "atomic_radius_angstrom",
        "atomic_radius_calculated_angstrom", "van_der_waals_radius_angstrom", "first_ionization_energy_ev",
        "electron_affinity_ev", "valence_electrons", "valence_s", "valence_p", "valence_d", "valence_f",
        "mendeleev_number", "molar_volume_cm3", "melting_point_k"};

    private static final class Table {
        static final ElementData[] BY_Z = load();
        static final List<String> HEADER_COMMENTS = comments();
    }

    public ElementData {
        if (element == null || name == null) {
            throw new IllegalArgumentException("element and name are required");
        }
        if (group < 1 || group > 18 || period < 1 || period > 7 || "spdf".indexOf(block) < 0) {
            throw new IllegalArgumentException(element + ": bad group/period/block " + group + "/" + period + "/" + block);
        }
    }

    /** The data of the element with atomic number {@code z} (1..118). */
    public static ElementData of(int z) {
        return Table.BY_Z[Element.ofZ(z).z()];
    }

    /** The data of {@code element}. */
    public static ElementData of(Element element) {
        return Table.BY_Z[element.z()];
    }

    /** The data of the element with this exact symbol ("Fe"). */
    public static ElementData of(String symbol) {
        return of(Element.of(symbol));
    }

    /** All 118 entries in order of atomic number. */
    public static List<ElementData> all() {
        return Collections.unmodifiableList(Arrays.asList(Table.BY_Z).subList(1, Table.BY_Z.length));
    }

    /** The '#' comment lines of the resource: the sources, the meaning and unit of every column, corrections. */
    public static List<String> sources() {
        return Table.HEADER_COMMENTS;
    }

    /** Atomic number. */
    public int z() {
        return element.z();
    }

    /** Chemical symbol. */
    public String symbol() {
        return element.symbol();
    }

    /** The value of a numeric property in the units of its record component; NaN when unknown. */
    public double value(Property p) {
        return switch (p) {
            case GROUP -> group;
            case PERIOD -> period;
            case ATOMIC_MASS -> atomicMass;
            case ELECTRONEGATIVITY -> electronegativity;
            case COVALENT_RADIUS -> covalentRadius;
            case ATOMIC_RADIUS -> atomicRadius;
            case ATOMIC_RADIUS_CALCULATED -> atomicRadiusCalculated;
            case VAN_DER_WAALS_RADIUS -> vanDerWaalsRadius;
            case FIRST_IONIZATION_ENERGY -> firstIonizationEnergy;
            case ELECTRON_AFFINITY -> electronAffinity;
            case VALENCE_ELECTRONS -> valenceElectrons;
            case VALENCE_S -> valenceS;
            case VALENCE_P -> valenceP;
            case VALENCE_D -> valenceD;
            case VALENCE_F -> valenceF;
            case MENDELEEV_NUMBER -> mendeleevNumber;
            case MOLAR_VOLUME -> molarVolume;
            case MELTING_POINT -> meltingPoint;
        };
    }

    /** The value of a numeric property, empty when the sources do not give it. */
    public OptionalDouble optional(Property p) {
        double v = value(p);
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** Whether the sources give this property for this element. */
    public boolean has(Property p) {
        return !Double.isNaN(value(p));
    }

    private static InputStream open() {
        InputStream in = ElementData.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("element table resource " + RESOURCE + " is missing from the class path");
        }
        return in;
    }

    private static List<String> comments() {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null && line.startsWith("#"); ) {
                out.add(line.substring(1).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return List.copyOf(out);
    }

    private static ElementData[] load() {
        ElementData[] byZ = new ElementData[Element.MAX_Z + 1];
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(), StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            boolean header = false;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (!header) {
                    if (!Arrays.equals(f, COLUMNS)) {
                        throw new IllegalStateException(RESOURCE + " line " + lineNo + ": expected columns "
                                + String.join(",", COLUMNS) + ", got " + line);
                    }
                    header = true;
                    continue;
                }
                if (f.length != COLUMNS.length) {
                    throw new IllegalStateException(RESOURCE + " line " + lineNo + ": expected " + COLUMNS.length
                            + " fields, got " + f.length);
                }
                int z = Integer.parseInt(f[0]);
                Element e = Element.ofZ(z);
                if (!e.symbol().equals(f[1]) || f[5].length() != 1) {
                    throw new IllegalStateException(RESOURCE + " line " + lineNo + ": symbol " + f[1]
                            + " or block '" + f[5] + "' does not fit Z=" + z);
                }
                byZ[z] = new ElementData(e, f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), f[5].charAt(0),
                        num(f[6]), num(f[7]), num(f[8]), num(f[9]), num(f[10]), num(f[11]), num(f[12]), num(f[13]),
                        num(f[14]), num(f[15]), num(f[16]), num(f[17]), num(f[18]), num(f[19]), num(f[20]),
                        num(f[21]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        for (int z = 1; z <= Element.MAX_Z; z++) {
            if (byZ[z] == null) {
                throw new IllegalStateException(RESOURCE + " has no row for Z=" + z);
            }
        }
        return byZ;
    }

    private static double num(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
