package org.photonzip.job.verify;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.photonzip.job.TileCompressor;
import org.photonzip.job.archive.TileRow;
import org.photonzip.job.fs.SerializableConfiguration;
import org.photonzip.job.source.StackDescriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes every tile of an archive in parallel, one Spark task per pack, writing nothing. */
public final class VerifyJob {
    /** At most this many failures are kept for the report. */
    static final int MAX_REPORTED = 50;

    /** The outcome: what was checked and what failed. */
    public record Result(long tiles, long samples, long compressedBytes, long failed, List<String> failures,
                         double seconds, int maxError) {
        public Result(long tiles, long samples, long compressedBytes, long failed, List<String> failures,
                      double seconds) {
            this(tiles, samples, compressedBytes, failed, failures, seconds, 0);
        }

        public boolean ok() {
            return failed == 0;
        }
    }

    private VerifyJob() {
    }

    /**
     * Checks {@code rows} of the archive (or staged archive) at {@code root}; given {@code against}, also compares
     * every value with that source.
     */
    /** Checks a classical-model archive (no model file). */
    public static Result run(JavaSparkContext jsc, String root, List<TileRow> rows,
                             Broadcast<SerializableConfiguration> conf, StackDescriptor against) {
        return run(jsc, root, rows, conf, against, TileCompressor.classical());
    }

    /** Checks with {@code codec}, which carries the archive's learned model when it has one. */
    public static Result run(JavaSparkContext jsc, String root, List<TileRow> rows,
                             Broadcast<SerializableConfiguration> conf, StackDescriptor against, TileCompressor codec) {
        long start = System.nanoTime();
        Map<String, List<TileRow>> byPack = new LinkedHashMap<>();
        for (TileRow r : rows) {
            byPack.computeIfAbsent(r.pack(), k -> new ArrayList<>()).add(r);
        }
        List<List<TileRow>> packs = new ArrayList<>(byPack.values());
        if (packs.isEmpty()) {
            return new Result(0, 0, 0, 0, List.of(), 0);
        }
        jsc.setJobDescription("photonzip verify " + root);
        List<PackCheck> checks = jsc.parallelize(packs, packs.size()).map(new VerifyTask(root, conf, against, codec)).collect();
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
