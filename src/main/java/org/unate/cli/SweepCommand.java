package org.unate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unate.experiment.Sweep;
import org.unate.experiment.SweepConfig;
import org.unate.experiment.SweepSummary;
import org.unate.report.SweepReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code unate sweep}: runs a sweep config (conditions x label fractions x seeds) into a folder, one result record
 * per run; started again into the same folder it skips finished runs and resumes an interrupted one.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the sweep of a config file (experiments/*.json): every condition x label fraction x seed "
                + "on one split, one result record per run in OUT/records. Safe to stop at any point (even kill -9) and "
                + "start again with the same arguments: finished runs are skipped, an interrupted run resumes from "
                + "its state. Prints progress per run and for the whole sweep with an ETA, then the summary."})
final class SweepCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The sweep config (JSON).")
    Path config;

    @Option(names = "--scale", defaultValue = "paper", paramLabel = "ci|quick|paper",
            description = "ci: minutes, tiny subsample, stand-in UNATE table; quick: every condition on a fixed "
                    + "subsample, 3 seeds, short epoch cap; paper: the config's fractions and seeds on the whole "
                    + "split (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The sweep folder (records, runs).")
    Path out;

    @Option(names = "--unate-tables", paramLabel = "DIR",
            description = "Read UNATE's tables from DIR (embeddings.json and embeddings-input.json, as `unate pretrain` "
                    + "writes them) instead of the config's paths or a stand-in pretrained by the sweep.")
    Path unateTables;

    @Option(names = "--dry-run", description = "Check everything and list the runs (done or to run); run nothing.")
    boolean dryRun;

    @Option(names = "--workers", paramLabel = "N",
            description = "Runs side by side in this process (default: the config's training.workers). Several starts "
                    + "into the same --out split the runs between them, never training one twice: to run N runs in N "
                    + "processes, start the sweep N times with --workers 1.")
    Integer workers;

    @Option(names = "--progress-s", defaultValue = "30", paramLabel = "S",
            description = "At most one progress line per run every S seconds (default: ${DEFAULT-VALUE}).")
    double progressSeconds;

    @Override
    public Integer call() throws Exception {
        String s = scale.trim().toLowerCase(Locale.ROOT);
        if (!SweepConfig.SCALES.contains(s)) {
            throw new IllegalArgumentException("--scale must be ci, quick or paper, got '" + scale + "'");
        }
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("--config " + config + ": no such file");
        }
        SweepConfig c = SweepConfig.read(config);
        Sweep.Options opt = Sweep.Options.defaults(System.err).withProgressSeconds(progressSeconds);
        if (unateTables != null) {
            if (!Files.isDirectory(unateTables)) {
                throw new IllegalArgumentException("--unate-tables " + unateTables + ": no such folder");
            }
            opt = opt.withUnateTables(unateTables.toAbsolutePath());
        }
        if (workers != null) {
            if (workers < 1) {
                throw new IllegalArgumentException("--workers must be 1 or more, got " + workers);
            }
            opt = opt.withWorkers(workers);
        }
        if (dryRun) {
            opt = opt.dry();
        }
        Sweep.Result r = Sweep.run(c, s, out.toAbsolutePath(), opt);
        if (!dryRun && !r.records().isEmpty()) {
            try {
                List<SweepSummary> sums = SweepSummary.of(Sweep.records(out), "mae", c.baseline(), c.controls(),
                        c.conditionNames());
                SweepReport.write(sums, out);
                System.out.print(SweepReport.markdown(sums));
            } catch (IllegalArgumentException noBaselineYet) {
                System.err.println("no summary yet: " + noBaselineYet.getMessage());
            }
        }
        return r.failed().isEmpty() ? 0 : 1;
    }
}
