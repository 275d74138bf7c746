package org.unate.crystal;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One entry of a dataset: an id unique within its source, the structure, and its labels.
 * A label the source gives as missing (JSON null) is absent from {@code labels}.
 *
 * @param id     the record id in its source (e.g. JARVIS row index or CGCNN file stem)
 * @param labels property name to value, in the source's units (e.g. formation_energy_peratom in eV/atom)
 */
public record CrystalRecord(String id, Structure structure, Map<String, Double> labels) {
    public CrystalRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(structure, "structure");
        labels = Map.copyOf(labels);
    }

    /** One line: "CrystalRecord[0 Si2Ti2Cu2As2, 8 sites: formation_energy_peratom -0.4276, mbj_bandgap 0.0000]". */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("CrystalRecord[").append(id).append(' ').append(structure.formula())
                .append(", ").append(structure.size()).append(structure.size() == 1 ? " site" : " sites");
        String sep = ": ";
        for (Map.Entry<String, Double> e : new java.util.TreeMap<>(labels).entrySet()) {
            b.append(sep).append(e.getKey()).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.4f", e.getValue()));
            sep = ", ";
        }
        return b.append(labels.isEmpty() ? ", no labels]" : "]").toString();
    }

    public OptionalDouble label(String property) {
        Double v = labels.get(property);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
