package org.photonzip.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.report.ArchiveReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code photonzip report ARCHIVE}: regenerates the archive's report.html from its files. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regenerates ARCHIVE/report.html: summary, bits/pixel per tile and per frame, residuals "
                + "against the model, time per stage; for an error-bounded archive also what the bound changed (from its "
                + "quality.json). Opens offline in any browser.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive (local path or Hadoop URI).")
    String archive;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path scratch = null;
        try {
            ArchiveReader reader = ArchiveReader.open(archive, HadoopFiles.newConfiguration());
            scratch = Files.createTempDirectory("photonzip-report-");
            FileSystem fs = reader.root().getFileSystem(reader.conf());
            ArchiveReport.writeHtml(fs, reader.root(), ArchiveReport.load(reader, scratch));
            out.println("wrote " + new org.apache.hadoop.fs.Path(reader.root(), ArchiveReport.HTML));
            return 0;
        } finally {
            if (scratch != null) {
                try (var files = Files.walk(scratch)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (java.io.IOException ignored) {
                    // scratch space in the temp directory; nothing of the archive
                }
            }
        }
    }
}
