package org.unate.diagnose;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.io.CrystalDataset;
import org.unate.crystal.io.DatasetOptions;
import org.unate.experiment.PropertyRun;
import org.unate.experiment.Split;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBuilder;
import org.unate.graph.GraphCache;
import org.unate.graph.GraphConfig;
import org.unate.graph.GraphSet;

/**
 * A dataset and its crystal graphs, each read once when first needed: the records (labels, formulas) and, per graph
 * config, the graphs by record id. When the whole of a dataset file is read (no record limit) and a cache folder is
 * given, the graphs come from the graph cache there, built and written on a miss as {@code unate train} does;
 * otherwise they are built from the records. Records without a graph (a site without neighbours) are left out of
 * the graphs.
 * <p>Not thread-safe.
 */
public final class DatasetGraphs {
    /** What the diagnostics print for an id without a graph. */
    static final String NO_GRAPH = "no graph (not in the dataset, or a site without neighbours)";

    private final Path data;
    private final DatasetOptions options;
    private final Path cacheDir;
    private final int threads;
    private final PrintStream log;
    private List<CrystalRecord> records;
    private final Map<GraphConfig, Map<String, CrystalGraph>> graphs = new HashMap<>();

    /**
     * @param data     dataset file or folder
     * @param options  how to read it (labels to keep, limit, strictness)
     * @param cacheDir the graph cache folder, or null to build graphs without one
     * @param threads  threads for building graphs
     * @param log      where reading and caching are reported (not the diagnostic's output)
     */
    public DatasetGraphs(Path data, DatasetOptions options, Path cacheDir, int threads, PrintStream log) {
        this.data = data;
        this.options = options;
        this.cacheDir = cacheDir;
        this.threads = threads;
        this.log = log;
    }

    public Path data() {
        return data;
    }

    /**
     * Every record read (up to the limit), in file order; the read report goes to the log when records were skipped,
     * warned about, or the file broke off.
     */
    public List<CrystalRecord> records() {
        if (records == null) {
            List<CrystalRecord> out = new ArrayList<>();
            try (CrystalDataset d = CrystalDataset.open(data, options)) {
                d.forEach(out::add);
                if (d.report().hasProblems()) {
                    log.print(d.report().summary());
                }
            }
            records = out;
        }
        return records;
    }

    /**
     * Refuses, before any structure is read, a property that is not a numeric label of the dataset (see
     * {@link PropertyRun#requireLabel}).
     */
    public void requireLabel(String property) {
        PropertyRun.requireLabel(data, property, options);
    }

    /** The value of {@code property} by record id, for the records that have one (the options must read it). */
    public Map<String, Double> labels(String property) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (CrystalRecord r : records()) {
            r.label(property).ifPresent(v -> out.put(r.id(), v));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(data + ": no record has a value for '" + property + "'");
        }
        return out;
    }

    /** The graphs under {@code config} by record id, in file order. */
    public Map<String, CrystalGraph> graphs(GraphConfig config) {
        Map<String, CrystalGraph> byId = graphs.get(config);
        if (byId == null) {
            byId = new LinkedHashMap<>();
            for (CrystalGraph g : load(config).graphs()) {
                byId.put(g.id(), g);
            }
            graphs.put(config, byId);
        }
        return byId;
    }

    /** The graphs under {@code config} of the split's training crystals that have one, in the split's order. */
    public List<CrystalGraph> trainingGraphs(Split split, GraphConfig config) {
        Map<String, CrystalGraph> byId = graphs(config);
        List<CrystalGraph> out = new ArrayList<>();
        for (String id : split.train()) {
            CrystalGraph g = byId.get(id);
            if (g != null) {
                out.add(g);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no training crystal of the split has a graph in " + data);
        }
        return out;
    }

    private GraphSet load(GraphConfig config) {
        if (cacheDir == null || options.limit() > 0 || !Files.isRegularFile(data)) {
            return GraphBuilder.of(config).buildAll(records(), threads, null);
        }
        try {
            GraphCache.Loaded loaded = GraphCache.loadOrBuild(cacheDir,
                    GraphCache.sourceKey(GraphCache.sha256(data), options.structure()), config,
                    () -> records().iterator(), threads);
            log.printf(Locale.ROOT, "graphs %s %s%n", loaded.hit() ? "loaded from" : "built and cached in", loaded.file());
            return loaded.graphs();
        } catch (IOException e) {
            throw new UncheckedIOException("graph cache " + cacheDir + ": " + e.getMessage(), e);
        }
    }
}
