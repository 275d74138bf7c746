package org.unate.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.unate.crystal.CrystalRecord;
import org.unate.graph.BuildReport;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBuilder;
import org.unate.graph.GraphConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code unate graph}: builds periodic neighbour graphs and dumps, per structure, every site's sorted neighbour
 * distances: {@code {"id": ..., "neighbors": [[d, d, ...], ...]}}, sites in file order, one JSON object a line.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Builds periodic neighbour graphs and writes each site's sorted neighbour distances "
                + "(angstrom), one JSON object per structure: {\"id\": ..., \"neighbors\": [[d, ...], ...]}."})
final class GraphCommand implements Callable<Integer> {
    @Mixin
    DataSource source;

    @Mixin
    ReadOptionsMixin read;

    @Option(names = "--cutoff", required = true, paramLabel = "R", description = "Neighbour cutoff in angstrom.")
    double cutoff;

    @Option(names = "--max-neighbors", paramLabel = "K",
            description = "Keep only the K nearest neighbours within the cutoff (ties broken as in docs/graphs.md).")
    Integer maxNeighbors;

    @Option(names = "--dump", required = true, paramLabel = "OUT.jsonl", description = "Output file.")
    Path dump;

    @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        GraphConfig config = maxNeighbors == null ? GraphConfig.radius(cutoff) : GraphConfig.kNearest(cutoff, maxNeighbors);
        source.options(); // checks --limit before anything is read
        List<CrystalRecord> records = source.readAll(null, read.readOptions());
        Path parent = dump.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, dump.getFileName().toString(), ".part");
        JsonFactory json = new JsonFactory();
        BuildReport report;
        try (OutputStream out = Files.newOutputStream(tmp)) {
            report = GraphBuilder.of(config).forEach(records.iterator(), records.size(), threads, null,
                    (position, record, graph) -> write(json, out, graph));
        }
        Files.move(tmp, dump, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.err.printf("%d graphs written to %s%n", report.built(), dump);
        if (!report.skipped().isEmpty()) {
            System.err.println(report.summary(20));
        }
        return 0;
    }

    private static void write(JsonFactory json, OutputStream out, CrystalGraph g) {
        try {
            JsonGenerator gen = json.createGenerator(new NonClosing(out), JsonEncoding.UTF8);
            gen.writeStartObject();
            gen.writeStringField("id", g.id());
            gen.writeArrayFieldStart("neighbors");
            int[] src = g.source();
            double[] d = g.distance();
            int e = 0;
            for (int i = 0; i < g.numNodes(); i++) {
                int start = e;
                while (e < src.length && src[e] == i) {
                    e++;
                }
                double[] site = Arrays.copyOfRange(d, start, e);
                Arrays.sort(site);
                gen.writeArray(site, 0, site.length);
            }
            gen.writeEndArray();
            gen.writeEndObject();
            gen.close();
            out.write('\n');
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** Lets one generator per line write to the shared stream without closing it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
