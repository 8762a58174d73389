package org.photonzip.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.BoundRecord;
import org.photonzip.archive.TileRow;
import org.photonzip.options.BoundRequest;
import org.photonzip.options.InvalidBoundException;
import org.photonzip.options.ModelChoice;
import org.photonzip.quality.QualityReport;
import org.photonzip.report.QualityData;
import org.photonzip.report.QualityFigures;
import org.photonzip.report.QualityFile;
import org.photonzip.source.FrameKinds;
import org.photonzip.source.InputStack;
import org.photonzip.source.ScanNoise;
import org.photonzip.source.StackDescriptor;
import org.photonzip.tiles.TileCompressor;

/** The steps compress adds for an error-bounded archive: the bound resolved up front, the quality pass last. */
final class BoundedSteps {
    private BoundedSteps() {}

    /**
     * The bound of {@code req}, its noise model fitted on the driver before any tile is coded; null when lossless.
     *
     * @throws InvalidBoundException when the bound cannot be honoured: a noise bound without a usable noise
     *                               model, or TensorFlow inference asked for (bounded coding evaluates the
     *                               network sample by sample with the Java evaluator)
     */
    static BoundRecord resolve(
            BoundRequest req, ModelChoice model, InputStack input, Configuration conf, PrintStream console)
            throws IOException {
        if (req == null || req.lossless()) {
            return null;
        }
        req.checkHonouredBy(model);
        ScanNoise noise = ScanNoise.fit(input, conf);
        if (req.mode() == BoundRequest.Mode.NOISE && noise.model() == null) {
            throw new InvalidBoundException(
                    "Invalid " + req + ": " + input.descriptor().description() + " has no usable noise model ("
                            + noise.origin() + "); use --error-bound N (counts) instead");
        }
        BoundRecord record = new BoundRecord(req.resolve(noise.model()), noise.model(), noise.origin());
        console.println(String.format(
                Locale.ROOT,
                "%s: error-bounded (lossy), %s; noise model %s from %s",
                input.descriptor().description(),
                record.bound().describe(),
                noise.model() == null ? "none" : noise.model().describe(),
                noise.origin()));
        return record;
    }

    /**
     * Compares every tile with the source (a second read of the source and decode of the archive), writes
     * quality.json and quality-frames.csv under {@code root} and returns the report's section. Its time is
     * added to {@code stages} as "report: quality check (wall)", which the stage chart shows.
     */
    static QualityData quality(
            FileSystem fs,
            Path root,
            List<TileRow> rows,
            TileCompressor codec,
            InputStack input,
            Configuration conf,
            BoundRecord bound,
            Map<String, Double> stages)
            throws IOException {
        long start = System.nanoTime();
        java.nio.file.Path dir = Files.createTempDirectory("photonzip-quality-");
        try {
            java.nio.file.Path metadata = dir.resolve(ArchiveLayout.METADATA);
            fs.copyToLocalFile(false, new Path(root, ArchiveLayout.METADATA), new Path(metadata.toUri()), true);
            StackDescriptor stack = input.descriptor();
            QualityReport q = BoundedQualityRun.run(
                    fs,
                    root,
                    rows,
                    codec,
                    stack,
                    input.hdf(),
                    conf,
                    bound.bound(),
                    bound.noise(),
                    metadata,
                    Runtime.getRuntime().availableProcessors());
            QualityData data = QualityFigures.of(q, FrameKinds.fromMetadata(metadata, stack.frames()));
            stages.put("report: quality check (wall)", (System.nanoTime() - start) / 1e9);
            QualityFile.write(fs, root, data);
            return data;
        } finally {
            try (var files = Files.walk(dir)) {
                for (java.nio.file.Path p :
                        files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
