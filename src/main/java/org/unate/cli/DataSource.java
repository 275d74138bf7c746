package org.unate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.io.CrystalDataset;
import org.unate.crystal.io.DatasetOptions;
import org.unate.crystal.io.ReadOptions;
import org.unate.data.DataCatalog;
import picocli.CommandLine.Option;

/** The {@code --data} / {@code --limit} options shared by commands that read a dataset. */
final class DataSource {
    @Option(names = "--data", paramLabel = "FILE",
            description = "Dataset file or folder (JSON Lines + CIF, CGCNN folder, JARVIS JSON). "
                    + "Default: the resolved jarvis-dft3d-2021 of `make data`.")
    Path data;

    @Option(names = "--limit", paramLabel = "N", description = "Read only the first N records.")
    Long limit;

    @Option(names = "--strict", description = "Stop at the first bad record instead of skipping it.")
    boolean strict;

    Path path() {
        return data != null ? data : DataCatalog.discover().path("jarvis-dft3d-2021");
    }

    DatasetOptions options() {
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("--limit must be 0 (all records) or more, got " + limit);
        }
        DatasetOptions o = DatasetOptions.DEFAULT.parallel().withStrict(strict);
        return limit == null ? o : o.withLimit(limit);
    }

    /** Reads every record (up to the limit), printing the read report to stderr when something was skipped. */
    List<CrystalRecord> readAll() {
        return readAll(null, ReadOptions.DEFAULT);
    }

    /**
     * As {@link #readAll()}, reading these label fields (null: the format's defaults) with these structure options;
     * the report goes to stderr when records were skipped, warned about, or the file broke off.
     */
    List<CrystalRecord> readAll(List<String> labels, ReadOptions read) {
        List<CrystalRecord> out = new ArrayList<>();
        DatasetOptions o = (labels == null ? options() : options().withLabels(labels)).withStructure(read);
        try (CrystalDataset d = CrystalDataset.open(path(), o)) {
            d.forEach(out::add);
            if (d.report().hasProblems()) {
                System.err.print(d.report().summary());
            }
        }
        return out;
    }
}
