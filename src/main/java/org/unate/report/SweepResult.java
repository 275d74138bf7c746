package org.unate.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.unate.experiment.Sweep;
import org.unate.experiment.SweepSummary;

/**
 * One sweep's records of one property and scale, with their statistics and what the sweep plans.
 *
 * @param folder          the sweep folder
 * @param scale           the records' scale ({@code ci}, {@code quick}, {@code paper}; "" when unrecorded)
 * @param summary         the statistics ({@link SweepSummary}, test MAE)
 * @param baselinePresent whether the sweep's baseline has records (else the summary's comparisons are not shown)
 * @param records         the records of this property and scale, in path order
 * @param planned         the runs the sweep's config plans at this scale (empty without {@code sweep.json})
 */
public record SweepResult(SweepFolder folder, String scale, SweepSummary summary, boolean baselinePresent,
                          List<RecordFile> records, List<Sweep.Planned> planned) {
    public SweepResult {
        records = List.copyOf(records);
        planned = List.copyOf(planned);
    }

    /** The id of files and titles: the folder's name, with the scale added when the folder has several. */
    public String id() {
        long scales = folder.records().stream().map(r -> org.unate.experiment.ResultStore.scale(r.record()))
                .distinct().count();
        return scales > 1 ? folder.name() + "-" + (scale.isEmpty() ? "unscaled" : scale) : folder.name();
    }

    /** The property predicted, with its words and unit. */
    public Quantity quantity() {
        return Quantity.of(summary.property());
    }

    /** The baseline the sweep compares with (the config's; see {@link #baselinePresent()}). */
    public String baseline() {
        return folder.baseline();
    }

    /** Runs planned in one cell (-1 when the plan is not known). */
    public int planned(String condition, double fraction) {
        if (planned.isEmpty()) {
            return -1;
        }
        return (int) planned.stream().filter(p -> p.condition().equals(condition) && p.fraction() == fraction)
                .count();
    }

    /** Whether every planned run has its record (true when the plan is not known). */
    public boolean complete() {
        return planned.isEmpty() || records.size() >= planned.size();
    }

    /**
     * A label for titles and captions: the property and scale, and, while runs are missing, how many are done
     * ("mbj_bandgap, paper, 17 of 75 runs").
     */
    public String label() {
        return summary.label() + (complete() ? "" : String.format(Locale.ROOT, ", %d of %d runs", records.size(),
                planned.size()));
    }

    /**
     * The label of figure titles, which have less room: the scale and, while runs are missing, how many are done
     * ("paper, 17/75 runs"; "quick").
     */
    public String shortLabel() {
        String sc = scale.isEmpty() ? "scale unrecorded" : scale;
        return sc + (complete() ? "" : String.format(Locale.ROOT, ", %d/%d runs", records.size(), planned.size()));
    }

    /** The cells planned or present: conditions in the summary's order then the plan's, fractions ascending. */
    public List<Cell> cells() {
        List<String> conditions = new java.util.ArrayList<>(summary.conditions());
        planned.stream().map(Sweep.Planned::condition).distinct().filter(c -> !conditions.contains(c))
                .forEach(conditions::add);
        java.util.TreeSet<Double> fractions = new java.util.TreeSet<>(summary.fractions());
        planned.forEach(p -> fractions.add(p.fraction()));
        List<Cell> out = new java.util.ArrayList<>();
        for (double f : fractions) {
            for (String c : conditions) {
                Optional<SweepSummary.Cell> cell = summary.cell(c, f);
                int plan = planned(c, f);
                if (cell.isPresent() || plan > 0) {
                    out.add(new Cell(c, f, cell, plan));
                }
            }
        }
        return out;
    }

    /**
     * A cell of the report's tables.
     *
     * @param condition the condition
     * @param fraction  the label fraction
     * @param stats     its statistics, empty when no run of it is done
     * @param planned   runs planned (-1 when not known)
     */
    public record Cell(String condition, double fraction, Optional<SweepSummary.Cell> stats, int planned) {
        /** Runs done. */
        public int n() {
            return stats.map(s -> s.stats().n()).orElse(0);
        }

        /** "5", or "3 of 5" while runs are missing. */
        public String count() {
            return planned < 0 || n() >= planned ? Integer.toString(n()) : n() + " of " + planned;
        }
    }

    /**
     * The record shown in a condition's parity plot: at the largest fraction the condition has a record with test
     * predictions, the lowest seed.
     */
    public Optional<RecordFile> parityRecord(String condition) {
        return records.stream().filter(r -> r.condition().equals(condition))
                .filter(r -> r.testPredictionsFile().map(java.nio.file.Files::isRegularFile).orElse(false))
                .min(Comparator.comparingDouble((RecordFile r) -> -r.record().fraction())
                        .thenComparingLong(r -> r.record().seed()));
    }

    /** The record of each condition whose history is drawn at {@code fraction}: its lowest seed with a history. */
    public List<RecordFile> historyRecords(double fraction) {
        List<RecordFile> out = new java.util.ArrayList<>();
        for (String c : summary.conditions()) {
            records.stream().filter(r -> r.condition().equals(c) && r.record().fraction() == fraction)
                    .filter(r -> r.historyFile().map(java.nio.file.Files::isRegularFile).orElse(false))
                    .min(Comparator.comparingLong(r -> r.record().seed())).ifPresent(out::add);
        }
        return out;
    }
}
