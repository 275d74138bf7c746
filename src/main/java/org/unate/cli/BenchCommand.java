package org.unate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Structure;
import org.unate.crystal.io.ReadOptions;
import org.unate.data.ProjectPaths;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBuilder;
import org.unate.graph.GraphConfig;
import org.unate.graph.bench.GraphBenchmark.Measurement;
import org.unate.graph.bench.GraphBenchmark.PeerResult;
import org.unate.graph.bench.GraphBenchmark;
import org.unate.pretrain.PretrainBenchmark;
import org.unate.pretrain.PretrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unate bench ...}: benchmarks that measure real work, next to the Python peers measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks against the Python peers.",
        subcommands = {BenchCommand.Graphs.class, BenchCommand.Pretrain.class})
final class BenchCommand {

    /** {@code unate bench pretrain}: a pretraining step against a supervised step of the same encoder. */
    @Command(name = "pretrain", mixinStandardHelpOptions = true,
            description = {"Times epochs of pretraining and of supervised training (formation energy) of the same "
                    + "encoder on the same crystals and prints crystals/s of each and the cost ratio."})
    static final class Pretrain implements Callable<Integer> {
        @Mixin
        DataSource source;

        @Option(names = "--backbone", defaultValue = "cgcnn", paramLabel = "cgcnn|cartnet",
                description = "Encoder backbone (default: ${DEFAULT-VALUE}).")
        String backbone;

        @Option(names = "--dim", defaultValue = "128", description = "Encoder width (default: ${DEFAULT-VALUE}).")
        int dim;

        @Option(names = "--batch", defaultValue = "64", description = "Crystals per step (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--epochs", defaultValue = "3",
                description = "Timed epochs of each, after one warm-up epoch (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--threads", defaultValue = "2", description = "TensorFlow intra-op threads (default: ${DEFAULT-VALUE}).")
        int threads;

        @Override
        public Integer call() {
            if (epochs < 1) {
                throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
            }
            if (source.limit == null) {
                source.limit = 2000L;
            }
            PretrainConfig cfg = PretrainConfig.defaults(backbone, dim).withThreads(threads, 1)
                    .withTraining(epochs + 1, batch, 1e-3, 1e-5);
            String label = "formation_energy_peratom";
            List<CrystalRecord> records = source.readAll(List.of(label), ReadOptions.DEFAULT);
            List<CrystalRecord> labelled = records.stream().filter(r -> r.label(label).isPresent()).toList();
            List<CrystalGraph> graphs = GraphBuilder.of(cfg.graph()).buildAll(labelled, threads, null).graphs();
            Map<String, Double> y = new HashMap<>();
            labelled.forEach(r -> y.put(r.id(), r.label(label).orElseThrow()));
            double[] targets = graphs.stream().mapToDouble(g -> y.get(g.id())).toArray();
            System.out.printf(Locale.ROOT, "# %d crystals (%d edges) of %s, graph %s; %d cpus%n", graphs.size(),
                    graphs.stream().mapToLong(CrystalGraph::numEdges).sum(), source.path(), cfg.graph().cacheKey(),
                    Runtime.getRuntime().availableProcessors());
            PretrainBenchmark.Measurement m = PretrainBenchmark.run(graphs, targets, cfg, epochs);
            System.out.println("supervised epochs (s): " + m.supervisedEpochSeconds());
            System.out.println("pretraining epochs (s): " + m.pretrainEpochSeconds());
            System.out.println(m.line());
            return 0;
        }
    }

    /** {@code unate bench graphs}: neighbour-graph building, Java vs pymatgen (and ASE) on the same structures. */
    @Command(name = "graphs", mixinStandardHelpOptions = true,
            description = {"Times graph building (parsing excluded) on the same structures for Java and the Python "
                    + "peers, and prints structures/s, edges/s, peak memory and the ratios."})
    static final class Graphs implements Callable<Integer> {
        @Mixin
        DataSource source;

        @Option(names = "--threads", defaultValue = "1", description = "Threads for the Java build (default: ${DEFAULT-VALUE}); one thread is always measured too.")
        int threads;

        @Option(names = "--repeat", defaultValue = "3", description = "Passes; the best counts (default: ${DEFAULT-VALUE}).")
        int repeat;

        @Option(names = "--peers", paramLabel = "DIR", description = "The peers folder (default: ../shared/peers beside the project).")
        Path peers;

        @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with pymatgen and ASE (default: ${DEFAULT-VALUE}).")
        Path python;

        @Option(names = "--no-peers", description = "Measure Java only.")
        boolean noPeers;

        @Option(names = "--with-ase", description = "Also run the peers' neighbors.py (pymatgen get_all_neighbors and ASE; minutes).")
        boolean withAse;

        @Override
        public Integer call() throws Exception {
            if (source.limit == null) {
                source.limit = 2000L;
            }
            long t0 = System.nanoTime();
            List<CrystalRecord> records = source.readAll();
            List<Structure> structures = new ArrayList<>(records.size());
            records.forEach(r -> structures.add(r.structure()));
            double parse = (System.nanoTime() - t0) / 1e9;
            int sites = structures.stream().mapToInt(Structure::size).sum();
            System.out.printf(Locale.ROOT, "# %d structures, %d sites from %s; parsed in %.2f s (not timed below)%n",
                    structures.size(), sites, source.path(), parse);
            System.out.printf(Locale.ROOT, "# %d cpus, %s %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"));

            List<GraphConfig> configs = List.of(GraphConfig.radius(8.0), GraphConfig.cgcnn(), GraphConfig.radius(5.0));
            List<Measurement> one = new ArrayList<>();
            for (GraphConfig c : configs) {
                Measurement m = GraphBenchmark.time(structures, c, 1, repeat, true);
                one.add(m);
                System.out.println(m.line());
                if (threads > 1) {
                    System.out.println(GraphBenchmark.time(structures, c, threads, repeat, true).line());
                }
            }
            System.out.printf(Locale.ROOT, "# peak resident set %.0f MB%n", GraphBenchmark.peakResidentBytes() / 1e6);
            if (noPeers) {
                return 0;
            }
            Path peersDir = peers != null ? peers : ProjectPaths.root().resolve("../shared/peers").normalize();
            Path script = ProjectPaths.root().resolve("scripts/peer-neighbors.py");
            if (!Files.isExecutable(python) || !Files.isDirectory(peersDir)) {
                System.out.println("# peers skipped: need " + python + " with pymatgen and the peers folder " + peersDir);
                return 0;
            }
            List<PeerResult> peerResults = new ArrayList<>(GraphBenchmark.runPeerNeighborsScript(python, script,
                    peersDir, structures.size(), repeat, source.path(), 3600));
            if (withAse) {
                peerResults.addAll(GraphBenchmark.runNeighborsPy(python, peersDir.resolve("neighbors.py"),
                        structures.size(), repeat, source.path(), 8.0, 3600));
            }
            peerResults.forEach(r -> System.out.println(r.line()));
            System.out.println("# ratios (Java one thread / peer, structures per second):");
            ratio(one.get(0), peerResults, "get_neighbor_list(8.0)");
            ratio(one.get(1), peerResults, "get_neighbor_list(8.0)+lexsort top12");
            ratio(one.get(2), peerResults, "get_neighbor_list(5.0)");
            for (PeerResult p : peerResults) {
                if (p.source().equals("neighbors.py")) {
                    System.out.printf(Locale.ROOT, "  %-40s vs %-45s %6.1fx%n", GraphBenchmark.label(one.get(0).config()),
                            p.method(), one.get(0).structuresPerSecond() / p.structuresPerSecond());
                }
            }
            return 0;
        }

        private static void ratio(Measurement java, List<PeerResult> peers, String method) {
            peers.stream().filter(p -> p.method().equals(method)).findFirst().ifPresent(p ->
                    System.out.printf(Locale.ROOT, "  %-40s vs pymatgen %-36s %6.1fx%n",
                            GraphBenchmark.label(java.config()), method, java.structuresPerSecond() / p.structuresPerSecond()));
        }
    }
}
