package org.unate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.io.ReadOptions;
import org.unate.experiment.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code unate split}: writes the seeded train/validation/test split of a property's labelled records, the same split
 * {@code unate train} makes when it is given no {@code --split}, as a file that every later run can share.
 */
@Command(name = "split", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes the seeded split of the records labelled with a property (file order, Fisher-Yates "
                + "shuffle with the seed; first TRAIN of them train, next VAL validation, the rest test): the split "
                + "`unate train` makes without --split, as a file to share between runs (docs/results-format.md)."})
final class SplitCommand implements Callable<Integer> {
    @Mixin
    DataSource source;

    @Option(names = "--property", required = true, paramLabel = "NAME", description = "The label, e.g. bulk_modulus_kv.")
    String property;

    @Option(names = "--seed", defaultValue = "123", description = "Seed of the shuffle (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train", defaultValue = "0.8", paramLabel = "F",
            description = "Fraction for training (default: ${DEFAULT-VALUE}).")
    double train;

    @Option(names = "--val", defaultValue = "0.1", paramLabel = "F",
            description = "Fraction for validation (default: ${DEFAULT-VALUE}); the rest is the test set.")
    double val;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The split file to write.")
    Path out;

    @Option(names = "--force", description = "Replace an existing --out file.")
    boolean force;

    @Override
    public Integer call() {
        if (!(train > 0 && val >= 0 && train + val < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--train and --val must be > 0 and >= 0 with a sum below 1 (a test set must remain), got %s and %s",
                    train, val));
        }
        if (Files.exists(out) && !force) {
            throw new IllegalArgumentException("--out " + out + " exists; a shared split is never replaced by accident"
                    + " (--force replaces it)");
        }
        List<CrystalRecord> records = source.readAll(List.of(property), ReadOptions.DEFAULT);
        Split s = Split.ofLabelled(records, property, train, val, seed);
        if (s.size() == 0) {
            throw new IllegalArgumentException(source.path() + ": no record has a value for '" + property + "'");
        }
        s.write(out);
        System.err.printf(Locale.ROOT, "%s: %d labelled of %d records -> train %d, val %d, test %d (seed %d, hash %s)"
                        + " written to %s%n", property, s.size(), records.size(), s.train().size(), s.val().size(),
                s.test().size(), seed, s.hash(), out);
        return 0;
    }
}
