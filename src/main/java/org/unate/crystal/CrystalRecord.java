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

    public OptionalDouble label(String property) {
        Double v = labels.get(property);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
