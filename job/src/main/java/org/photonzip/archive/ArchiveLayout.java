package org.photonzip.archive;

import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.fs.Path;

/** The names of an archive's files (docs/archive-format.md). */
public final class ArchiveLayout {
    public static final String FORMAT = "photonzip-archive";
    public static final int VERSION = 2;

    public static final String SUCCESS = "_SUCCESS";
    public static final String SUMMARY = "summary.json";
    public static final String MANIFEST = "manifest.parquet";
    public static final String MANIFEST_CSV = "manifest.csv";
    public static final String METADATA = "metadata.h5";
    public static final String MODEL = "model.pzm";
    /** The coded samples of datasets other than the stack (flats, darks, ...): §5.1. */
    public static final String METADATA_SAMPLES = "metadata-samples.pz";
    /** The archive report: derived from the other files, so it may be regenerated after the commit. */
    public static final String REPORT = "report.html";

    public static final String PACKS = "packs";
    /**
     * The attribute on metadata.h5's placeholder of the stack (its value the stack's path, §5): the capture in
     * {@code source} writes it, a restore finds the stack's place by it.
     */
    public static final String STACK_PLACEHOLDER = org.photonzip.source.InputStack.PLACEHOLDER_ATTRIBUTE;

    public static final String PACK_SUFFIX = ".pz";

    private ArchiveLayout() {}

    /**
     * The pack written by one task attempt: {@code part-<task>-<attempt>-<task attempt id>-<random>.pz}. Unique
     * per attempt, so a retried or speculative attempt never writes over another's file.
     */
    public static String packName(int task, int attempt, long taskAttemptId) {
        String random = UUID.randomUUID().toString().substring(0, 8);
        return String.format(Locale.ROOT, "part-%05d-%d-%d-%s%s", task, attempt, taskAttemptId, random, PACK_SUFFIX);
    }

    public static Path pack(Path root, String name) {
        return new Path(new Path(root, PACKS), name);
    }
}
