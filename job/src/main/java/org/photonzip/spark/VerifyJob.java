package org.photonzip.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.FileEntry;
import org.photonzip.archive.TileRow;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.source.StackDescriptor;
import org.photonzip.tiles.TileCompressor;

/** Decodes every tile of an archive in parallel, one Spark task per pack, writing nothing. */
public final class VerifyJob {
    /** At most this many failures are kept for the report. */
    static final int MAX_REPORTED = 50;

    /** The outcome: what was checked and what failed. */
    public record Result(
            long tiles,
            long samples,
            long compressedBytes,
            long failed,
            List<String> failures,
            double seconds,
            int maxError) {
        public Result(
                long tiles, long samples, long compressedBytes, long failed, List<String> failures, double seconds) {
            this(tiles, samples, compressedBytes, failed, failures, seconds, 0);
        }

        public boolean ok() {
            return failed == 0;
        }
    }

    private VerifyJob() {}

    /**
     * Checks what opening an archive does not: metadata.h5's and report.html's SHA-256, then every pack's and every
     * tile; given
     * {@code against}, every value against that source.
     *
     * @throws org.photonzip.archive.InvalidArchiveException when metadata.h5 or report.html does not match its record
     */
    public static Result run(
            JavaSparkContext jsc,
            ArchiveReader archive,
            Broadcast<SerializableConfiguration> conf,
            StackDescriptor against)
            throws java.io.IOException {
        archive.checkUnreadFiles();
        Map<String, FileEntry> packs = new LinkedHashMap<>();
        archive.marker().files().forEach((name, entry) -> {
            if (name.startsWith(ArchiveLayout.PACKS + "/")) {
                packs.put(name.substring(ArchiveLayout.PACKS.length() + 1), entry);
            }
        });
        return run(
                jsc,
                archive.root().toString(),
                archive.rows(),
                archive.summary().shape(),
                archive.summary().dtype(),
                packs,
                conf,
                against,
                archive.compressor());
    }

    /**
     * Checks {@code rows} of the archive (or staged archive) at {@code root}, a stack of {@code shape}, decoding with
     * {@code codec} (which carries the archive's learned model when it has one); given {@code packs} (by pack
     * name, as the commit record lists them), also each pack's length and SHA-256; given {@code against}, every
     * value against that source.
     */
    public static Result run(
            JavaSparkContext jsc,
            String root,
            List<TileRow> rows,
            int[] shape,
            String dtype,
            Map<String, FileEntry> packs,
            Broadcast<SerializableConfiguration> conf,
            StackDescriptor against,
            TileCompressor codec) {
        long start = System.nanoTime();
        Map<String, List<TileRow>> byPack = new LinkedHashMap<>();
        for (TileRow r : rows) {
            byPack.computeIfAbsent(r.pack(), k -> new ArrayList<>()).add(r);
        }
        List<List<TileRow>> groups = new ArrayList<>(byPack.values());
        if (groups.isEmpty()) {
            return new Result(0, 0, 0, 0, List.of(), 0);
        }
        jsc.setJobDescription("photonzip verify " + root);
        VerifyTask task = new VerifyTask(
                root, shape, dtype, packs == null ? null : new LinkedHashMap<>(packs), conf, against, codec);
        List<PackCheck> checks =
                jsc.parallelize(groups, groups.size()).map(task).collect();
        long tiles = 0;
        long samples = 0;
        long bytes = 0;
        long failed = 0;
        int maxError = 0;
        List<String> failures = new ArrayList<>();
        for (PackCheck c : checks) {
            tiles += c.tiles();
            samples += c.samples();
            bytes += c.compressedBytes();
            failed += c.failures().size();
            maxError = Math.max(maxError, c.maxError());
            for (String f : c.failures()) {
                if (failures.size() < MAX_REPORTED) {
                    failures.add(f);
                }
            }
        }
        return new Result(tiles, samples, bytes, failed, failures, (System.nanoTime() - start) / 1e9, maxError);
    }
}
