package org.unate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.unate.data.DataCatalog;
import org.unate.data.DataFetcher;
import org.unate.data.DataMirror;
import org.unate.data.DatasetSpec;
import org.unate.data.ProjectPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unate data [NAME...]}: resolves datasets of data/datasets.json into data/raw/. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"Resolves the datasets listed in data/datasets.json into data/raw/<name>/: copies them from a "
                + "mirror folder when it holds them, else downloads the official file; verifies checksums and record "
                + "counts. A dataset that can be neither copied nor downloaded is reported with the mirror folder "
                + "looked at, the URL tried and why it failed; the command goes on with the others and exits with 1."})
final class DataCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Datasets to resolve (default: all).")
    String[] names;

    @Option(names = "--mirror", paramLabel = "DIR",
            description = "Mirror folder (default: $UNATE_DATA_MIRROR, else ../shared/data when it exists).")
    Path mirror;

    @Option(names = "--offline", description = "Never download; fail when no mirror holds a dataset.")
    boolean offline;

    @Option(names = "--list", description = "List the datasets and whether they are resolved, then exit.")
    boolean list;

    @Override
    public Integer call() throws Exception {
        DataCatalog catalog = DataCatalog.load(ProjectPaths.dataDir());
        if (list) {
            for (DatasetSpec s : catalog.datasets()) {
                System.out.printf("%-20s %-10s %s%n", s.name(),
                        catalog.resolved(s.name()).isPresent() ? "resolved" : "missing", s.description());
            }
            return 0;
        }
        DataMirror m = DataMirror.resolve(ProjectPaths.root(), mirror);
        DataFetcher fetcher = new DataFetcher(catalog, m, offline, System.out);
        List<String> wanted = names == null || names.length == 0
                ? catalog.datasets().stream().map(DatasetSpec::name).toList() : List.of(names);
        return fetcher.fetchEach(wanted) == 0 ? 0 : 1;
    }
}
