package org.unate.report;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Element;
import org.unate.crystal.Structure;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** Tablesaw tables that describe a set of crystal records: one row per structure, per element, per label. */
public final class DatasetSummary {
    private DatasetSummary() {
    }

    /** One row per record: id, formula, sites, volume per atom (A^3), and one column per label (a missing value where the record lacks it). */
    public static Table structures(Collection<CrystalRecord> records) {
        TreeSet<String> labels = new TreeSet<>();
        records.forEach(r -> labels.addAll(r.labels().keySet()));
        StringColumn id = StringColumn.create("id"), formula = StringColumn.create("formula");
        IntColumn sites = IntColumn.create("sites");
        DoubleColumn vpa = DoubleColumn.create("volume_per_atom");
        Map<String, DoubleColumn> labelCols = new TreeMap<>();
        labels.forEach(l -> labelCols.put(l, DoubleColumn.create(l)));
        for (CrystalRecord r : records) {
            Structure s = r.structure();
            id.append(r.id());
            formula.append(s.formula());
            sites.append(s.size());
            vpa.append(s.lattice().volume() / s.size());
            labelCols.forEach((l, c) -> c.append(r.labels().getOrDefault(l, Double.NaN)));
        }
        Table t = Table.create("structures", id, formula, sites, vpa);
        labelCols.values().forEach(t::addColumns);
        return t;
    }

    /** One row per element present: symbol, Z, structures containing it, atoms of it; sorted by Z. */
    public static Table elements(Collection<CrystalRecord> records) {
        int[] inStructures = new int[Element.MAX_Z + 1];
        long[] atoms = new long[Element.MAX_Z + 1];
        for (CrystalRecord r : records) {
            r.structure().composition().forEach((e, n) -> {
                inStructures[e.z()]++;
                atoms[e.z()] += n;
            });
        }
        StringColumn sym = StringColumn.create("element");
        IntColumn z = IntColumn.create("Z"), ns = IntColumn.create("structures");
        DoubleColumn na = DoubleColumn.create("atoms");
        for (int k = 1; k <= Element.MAX_Z; k++) {
            if (inStructures[k] > 0) {
                sym.append(Element.ofZ(k).symbol());
                z.append(k);
                ns.append(inStructures[k]);
                na.append((double) atoms[k]);
            }
        }
        return Table.create("elements", sym, z, ns, na);
    }

    /** One row per label: how many records have it, and its mean, standard deviation, min, median and max. */
    public static Table labels(Collection<CrystalRecord> records) {
        Map<String, DescriptiveStatistics> stats = new TreeMap<>();
        records.forEach(r -> r.labels().forEach((k, v) -> stats.computeIfAbsent(k, x -> new DescriptiveStatistics())
                .addValue(v)));
        StringColumn name = StringColumn.create("label");
        IntColumn present = IntColumn.create("present"), missing = IntColumn.create("missing");
        DoubleColumn mean = DoubleColumn.create("mean"), sd = DoubleColumn.create("std"),
                min = DoubleColumn.create("min"), med = DoubleColumn.create("median"), max = DoubleColumn.create("max");
        stats.forEach((k, s) -> {
            name.append(k);
            present.append((int) s.getN());
            missing.append(records.size() - (int) s.getN());
            mean.append(s.getMean());
            sd.append(s.getStandardDeviation());
            min.append(s.getMin());
            med.append(s.getPercentile(50));
            max.append(s.getMax());
        });
        return Table.create("labels", name, present, missing, mean, sd, min, med, max);
    }

    /**
     * Summary statistics of numeric values as a one-row table named {@code title}: {@code count} (an integer column,
     * printed without decimals: "13,017"), then {@code mean, std, min, 25%, median, 75%, max} (double columns; round them
     * for printing with {@link Tables#rounded}).
     */
    public static Table describe(String title, double[] values) {
        DescriptiveStatistics s = new DescriptiveStatistics(values);
        IntColumn count = IntColumn.create("count", new int[] {(int) s.getN()});
        count.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        Table t = Table.create(title, count);
        Object[][] stats = {{"mean", s.getMean()}, {"std", s.getStandardDeviation()}, {"min", s.getMin()},
            {"25%", s.getPercentile(25)}, {"median", s.getPercentile(50)}, {"75%", s.getPercentile(75)},
            {"max", s.getMax()}};
        for (Object[] st : stats) {
            t.addColumns(DoubleColumn.create((String) st[0], new double[] {(Double) st[1]}));
        }
        return t;
    }
}
