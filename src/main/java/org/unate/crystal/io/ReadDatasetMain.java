package org.unate.crystal.io;

import java.nio.file.Path;
import java.util.Locale;

import org.unate.crystal.CrystalRecord;

/**
 * Reads a dataset to its end and prints its {@link ReadReport}: a check and a timing tool.
 *
 * <pre>java -cp target/classes:... org.unate.crystal.io.ReadDatasetMain PATH [--threads N] [--strict] [--limit N]
 *     [--occupancy ERROR|MAJORITY|SKIP]</pre>
 * Exit status 0 when every record was read, 1 when some were skipped or the file broke off (the records before the
 * break are read), 2 on a fatal error.
 */
public final class ReadDatasetMain {
    private ReadDatasetMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: ReadDatasetMain PATH [--threads N] [--strict] [--limit N]"
                    + " [--occupancy ERROR|MAJORITY|SKIP]");
            System.exit(2);
        }
        DatasetOptions o = DatasetOptions.DEFAULT;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> o = o.withThreads(Integer.parseInt(args[++i]));
                case "--strict" -> o = o.withStrict(true);
                case "--limit" -> o = o.withLimit(Long.parseLong(args[++i]));
                case "--occupancy" -> o = o.withStructure(o.structure().withOccupancy(
                        OccupancyPolicy.valueOf(args[++i].toUpperCase(Locale.ROOT))));
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        long sites = 0;
        try (CrystalDataset d = CrystalDataset.open(Path.of(args[0]), o)) {
            for (CrystalRecord r : d) {
                sites += r.structure().size();
            }
            System.out.print(d.report().summary());
            System.out.printf(Locale.ROOT, "%d sites, %d threads%n", sites, o.threads());
            System.exit(d.report().recordsSkipped() == 0 && d.report().failure().isEmpty() ? 0 : 1);
        } catch (CrystalParseException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
