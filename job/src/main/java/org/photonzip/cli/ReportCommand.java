package org.photonzip.cli;

import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.LocalFiles;
import org.photonzip.report.ArchiveReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code photonzip report ARCHIVE}: renders the archive's report page again from its files, to a file outside it.
 * A committed archive is never written to: its own {@code report.html} is part of the commit record.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Renders ARCHIVE's report again (summary, bits/pixel per tile and per frame, residuals against "
                + "the model, time per stage; for an error-bounded archive also what the bound changed, from its "
                + "quality.json) to a self-contained HTML file outside the archive, which stays as committed. "
                + "Opens offline in any browser.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive (local path or Hadoop URI).")
    String archive;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Where to write the page (local path or Hadoop URI; default NAME-report.html in the "
                    + "current directory, NAME the archive's name without .pz).")
    String output;

    @Option(names = "--overwrite", description = "Replace FILE if it exists.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ArchiveReader reader = ArchiveReader.open(archive, HadoopFiles.newConfiguration());
        org.apache.hadoop.fs.Path target = HadoopFiles.path(
                output != null ? output : reader.root().getName().replaceAll("\\.pz$", "") + "-report.html");
        FileSystem fs = HadoopFiles.fileSystem(target, reader.conf());
        String inside = reader.root().toUri().getPath() + "/";
        if (fs.getUri().equals(reader.root().getFileSystem(reader.conf()).getUri())
                && fs.makeQualified(target).toUri().getPath().startsWith(inside)) {
            throw new IllegalArgumentException("Invalid --output " + target + ": it is inside the archive, which is "
                    + "never written to after its commit");
        }
        if (!overwrite && fs.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists (use --overwrite to replace it)");
        }
        Path scratch = Files.createTempDirectory("photonzip-report-");
        try {
            ArchiveReport.writeHtml(fs, target, ArchiveReport.load(reader, scratch));
        } finally {
            LocalFiles.deleteTreeQuietly(scratch);
        }
        out.println("wrote " + target + " (the archive's own report.html is as committed)");
        return 0;
    }
}
