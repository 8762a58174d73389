package org.photonzip.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point users type: {@code bin/photonzip <command>}. */
@Command(
        name = "photonzip",
        mixinStandardHelpOptions = true,
        versionProvider = Photonzip.Version.class,
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
            ExportCommand.class,
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

    /** {@code -V}: {@link org.photonzip.PhotonzipVersion}, the version archives record. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "photonzip " + org.photonzip.PhotonzipVersion.NUMBER + " (writes archive format "
                        + org.photonzip.archive.ArchiveLayout.VERSION + ")"
            };
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with photonzip's exit codes and one-line failure messages ({@link ExitCodes}). */
    public static CommandLine commandLine() {
        ExitCodes codes = new ExitCodes();
        return new CommandLine(new Photonzip())
                .setExecutionExceptionHandler(codes)
                .setExitCodeExceptionMapper(codes);
    }
}
