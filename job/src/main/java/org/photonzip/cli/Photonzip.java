package org.photonzip.cli;

import org.photonzip.job.cluster.ClusterUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point users type: {@code bin/photonzip <command>}. */
@Command(name = "photonzip", mixinStandardHelpOptions = true, version = "photonzip 0.1.0",
        description = "Lossless archival compression of X-ray projection stacks.",
        subcommands = {
                CommandLine.HelpCommand.class,
                BenchCommand.class,
                GenerateCommand.class,
                DemoCommand.class,
                ReportCommand.class,
                ExplainCommand.class,
                TrainCommand.class,
                CompressCommand.class,
                DecompressCommand.class,
                VerifyCommand.class,
                InfoCommand.class,
                BenchJobCommand.class,
                BenchNightCommand.class,
        })
public final class Photonzip implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its handler for a cluster that accepts no executor (2: never fits, 1: busy). */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Photonzip());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ClusterUnavailableException c) {
                line.getErr().println("photonzip " + line.getCommandName() + ": " + c.getMessage());
                line.getErr().flush();
                return c.neverFits() ? 2 : 1;
            }
            throw e;
        });
        return cl;
    }
}
