package org.unate.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The datasets the project knows ({@code data/datasets.json}) and where their resolved files live
 * ({@code data/raw/<name>/}).
 * <p>{@link DataFetcher} fills {@code data/raw}; everything else asks this class for a dataset's file with
 * {@link #path(String)}, which fails with the command to run when the dataset has not been fetched.
 */
public final class DataCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final List<DatasetSpec> datasets;

    private DataCatalog(Path dataDir, List<DatasetSpec> datasets) {
        this.dataDir = dataDir;
        this.datasets = List.copyOf(datasets);
    }

    /** Reads {@code dataDir/datasets.json}. */
    public static DataCatalog load(Path dataDir) {
        Path file = dataDir.resolve("datasets.json");
        try (InputStream in = Files.newInputStream(file)) {
            Map<?, ?> root = JSON.readValue(in, Map.class);
            Object list = root.get("datasets");
            if (!(list instanceof List<?> l)) {
                throw new IllegalArgumentException(file + ": expected an object with a \"datasets\" list");
            }
            List<DatasetSpec> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                DatasetSpec s = JSON.convertValue(l.get(i), DatasetSpec.class);
                if (s.name() == null || s.name().isBlank()) {
                    throw new IllegalArgumentException(file + ": dataset " + i + " has no \"name\"");
                }
                if (s.mirror() == null && s.official() == null) {
                    throw new IllegalArgumentException(file + ": dataset " + s.name() + " has neither \"mirror\" nor \"official\"");
                }
                out.add(s);
            }
            return new DataCatalog(dataDir, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dataset catalogue " + file + ": " + Failures.describe(e), e);
        }
    }

    /**
     * The catalogue of the project found from the working directory: {@code ./data} or, from {@code notebooks/},
     * {@code ../data}; the system property {@code unate.data} or the environment variable {@code UNATE_DATA} override.
     */
    public static DataCatalog discover() {
        return load(ProjectPaths.dataDir());
    }

    public List<DatasetSpec> datasets() {
        return datasets;
    }

    public Path dataDir() {
        return dataDir;
    }

    public DatasetSpec spec(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown dataset '" + name + "'; known: "
                        + datasets.stream().map(DatasetSpec::name).toList()));
    }

    /** Folder that holds the resolved files of a dataset. */
    public Path rawDir(String name) {
        return dataDir.resolve("raw").resolve(name);
    }

    /** The resolved file of a dataset and its format, if fetched. */
    public Optional<Resolved> resolved(String name) {
        DatasetSpec s = spec(name);
        for (DatasetSpec.Source src : new DatasetSpec.Source[] {s.mirror(), s.official()}) {
            if (src == null) {
                continue;
            }
            Path p = rawDir(name).resolve(Path.of(src.file()).getFileName());
            if (Files.isRegularFile(p)) {
                return Optional.of(new Resolved(p, src.format()));
            }
        }
        return Optional.empty();
    }

    /** The resolved file of a dataset; throws with the command to run when it is missing. */
    public Path path(String name) {
        return resolved(name).map(Resolved::file).orElseThrow(() -> new IllegalStateException(
                "dataset '" + name + "' is not in " + rawDir(name) + ": run `make data` first"));
    }

    /** A dataset's file and its format name. */
    public record Resolved(Path file, String format) {
    }
}
