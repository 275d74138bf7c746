package org.unate.cli;

import org.unate.data.Failures;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code unate} command line: {@code java -jar target/unate.jar COMMAND ...}.
 * Each subcommand is a thin layer over the library; run {@code unate help COMMAND} for its options.
 */
@Command(name = "unate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Unsupervised atomic embeddings for crystal property prediction.",
        subcommands = {CommandLine.HelpCommand.class, DataCommand.class, GraphCommand.class, BenchCommand.class, TrainCommand.class, PretrainCommand.class, TableCommand.class, PredictCommand.class, ProbeCommand.class,
            DiagnoseCommand.class, SweepCommand.class, SummarizeCommand.class, SplitCommand.class, ReportCommand.class})
public final class Main {
    private Main() {
    }

    /** Builds the command line with the project's exception handling (messages, not stack traces, for bad input). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + Failures.message(ex)));
            if (System.getenv("UNATE_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            return 2;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
