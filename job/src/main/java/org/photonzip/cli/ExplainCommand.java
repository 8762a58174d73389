package org.photonzip.cli;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.TileRow;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileInspector;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.report.FrameImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code photonzip explain ARCHIVE --frame N}: for one frame, the original, the model's prediction, the residual
 * and the model's confidence (predicted scale), as HDF5 datasets and PNG pictures: what the model learned.
 */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = "Writes, for one frame, the original, the prediction, the residual and the predicted scale "
                + "(the model's confidence) as HDF5 datasets (explain.h5) and PNGs.")
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive to explain.")
    String archive;

    @Option(names = "--frame", required = true, paramLabel = "N", description = "Frame to explain.")
    int frame;

    @Option(
            names = "--tile",
            paramLabel = "Y0,X0",
            description = "Only the tile whose top-left corner is row Y0, column X0 (default: the whole frame).")
    String tile;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            defaultValue = "explain",
            description = "Output directory (default ${DEFAULT-VALUE}).")
    Path output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ArchiveReader reader = ArchiveReader.open(archive, HadoopFiles.newConfiguration());
        int[] shape = reader.summary().shape();
        if (frame < 0 || frame >= shape[0]) {
            throw new IllegalArgumentException(
                    "Invalid --frame " + frame + ": the stack has frames 0.." + (shape[0] - 1));
        }
        List<TileRow> rows = reader.rows().stream()
                .filter(r -> r.t0() <= frame && frame < r.t0() + r.frames())
                .filter(r -> tile == null || (r.y0() + "," + r.x0()).equals(tile.replace(" ", "")))
                .toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid --tile " + tile + ": no tile of frame " + frame + " has that corner");
        }
        int y0 = rows.stream().mapToInt(TileRow::y0).min().orElseThrow();
        int x0 = rows.stream().mapToInt(TileRow::x0).min().orElseThrow();
        int h = rows.stream().mapToInt(r -> r.y0() + r.height()).max().orElseThrow() - y0;
        int w = rows.stream().mapToInt(r -> r.x0() + r.width()).max().orElseThrow() - x0;
        double[] original = new double[h * w];
        double[] prediction = new double[h * w];
        double[] residual = new double[h * w];
        double[] scale = new double[h * w];
        for (TileRow r : rows) {
            Tile t = reader.decodeTile(r);
            TileInspector.Inspection in = reader.compressor().inspect(t);
            int k = frame - r.t0();
            for (int y = 0; y < r.height(); y++) {
                for (int x = 0; x < r.width(); x++) {
                    int i = (k * r.height() + y) * r.width() + x;
                    int o = (r.y0() - y0 + y) * w + (r.x0() - x0 + x);
                    original[o] = t.samples()[i] & 0xFFFF;
                    prediction[o] = in.prediction()[i];
                    residual[o] = in.residual()[i];
                    scale[o] = in.scale()[i];
                }
            }
        }
        Files.createDirectories(output);
        Path h5 = output.resolve("explain.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            f.putDataset("original", grid(original, h, w));
            f.putDataset("prediction", grid(prediction, h, w));
            f.putDataset("residual", grid(residual, h, w));
            f.putDataset("scale", gridFloat(scale, h, w));
            f.putAttribute("frame", frame);
            f.putAttribute("row0", y0);
            f.putAttribute("column0", x0);
            f.putAttribute("archive", archive);
        }
        FrameImages.write(FrameImages.grey(original, h, w), output.resolve("original.png"));
        FrameImages.write(FrameImages.grey(prediction, h, w), output.resolve("prediction.png"));
        FrameImages.write(FrameImages.diverging(residual, h, w), output.resolve("residual.png"));
        FrameImages.write(FrameImages.grey(scale, h, w), output.resolve("scale.png"));
        double sumAbs = 0;
        for (double v : residual) {
            sumAbs += Math.abs(v);
        }
        out.printf(
                Locale.ROOT,
                "frame %d, rows %d..%d, columns %d..%d (%d tile%s): mean |residual| %.1f; wrote %s "
                        + "and original/prediction/residual/scale PNGs%n",
                frame,
                y0,
                y0 + h - 1,
                x0,
                x0 + w - 1,
                rows.size(),
                rows.size() == 1 ? "" : "s",
                sumAbs / residual.length,
                h5);
        return 0;
    }

    private static int[][] grid(double[] v, int h, int w) {
        int[][] g = new int[h][w];
        for (int i = 0; i < v.length; i++) {
            g[i / w][i % w] = (int) v[i];
        }
        return g;
    }

    private static float[][] gridFloat(double[] v, int h, int w) {
        float[][] g = new float[h][w];
        for (int i = 0; i < v.length; i++) {
            g[i / w][i % w] = (float) v[i];
        }
        return g;
    }
}
