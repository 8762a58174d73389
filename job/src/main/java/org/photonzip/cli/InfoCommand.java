package org.photonzip.cli;

import org.photonzip.job.archive.ArchiveReader;
import org.photonzip.job.fs.HadoopFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code photonzip info ARCHIVE}: the archive's summary as a table (no Spark). */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Prints an archive's summary: source, shape, tiles, model, sizes, bits/pixel, ratio, time.",
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:printed (the archive opened: its record, summary and manifest are valid)",
                "1:not a readable, valid, committed archive"})
public final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCHIVE")
    String archive;

    @Override
    public Integer call() throws Exception {
        ArchiveReader reader = ArchiveReader.open(archive, HadoopFiles.newConfiguration());
        spec.commandLine().getOut().print(ArchiveTable.info(reader));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
