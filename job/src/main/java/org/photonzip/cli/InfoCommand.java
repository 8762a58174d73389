package org.photonzip.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.spark.night.ArchiveList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code photonzip info ARCHIVE...}: each archive's summary as a table, then one row per archive (no Spark). */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "Prints an archive's summary: digest, source, shape, tiles, model, mode, sizes, bits/pixel, "
                + "ratio, time (the first tiles' headers are checked for the mode; an error-bounded archive's first "
                + "tile is decoded to check its bound). Given several archives or a night directory: "
                + "each summary, then a table of all.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:printed (each archive opened: its record, summary " + "and manifest are valid)",
            "1:an archive is not a readable, valid, committed archive (the others were " + "printed)",
            "2:invalid arguments",
            "3:a first tile, checked to see that its stream's mode (lossless or "
                    + "its bound) is the summary's, failed its checks"
        })
public final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ARCHIVE", description = "Archives, or night directories of archives.")
    List<String> archives;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> list = ArchiveList.of(archives, HadoopFiles.newConfiguration());
        BatchTable table = new BatchTable("archive", "result", "shape", "ratio", "verified at compress");
        int code = ExitCodes.OK;
        for (String archive : list) {
            try {
                ArchiveReader reader = ArchiveReader.open(archive, HadoopFiles.newConfiguration());
                reader.checkModeOnFirstTiles();
                out.print(ArchiveTable.info(reader));
                int[] shape = reader.summary().shape();
                var totals = reader.summary().totals();
                table.row(
                        archive,
                        "committed",
                        shape[0] + " x " + shape[1] + " x " + shape[2],
                        String.format(Locale.ROOT, "%.3f", totals.ratio()),
                        totals.verified() ? "yes" : "no");
            } catch (Exception e) {
                err.println("photonzip info: " + Failures.message(e));
                table.row(archive, "unreadable: " + Failures.message(e), "", "", "");
                code = Math.max(code, ExitCodes.of(e));
            }
        }
        if (list.size() > 1) {
            out.print(table);
            out.printf(
                    Locale.ROOT, "%d archives: %d committed, exit %d%n", list.size(), table.count("committed"), code);
        }
        out.flush();
        return code;
    }
}
