package org.photonzip.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.photonzip.archive.ArchiveCommitter;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.BoundRecord;
import org.photonzip.archive.CheckedTile;
import org.photonzip.archive.CodedDataset;
import org.photonzip.archive.FileEntry;
import org.photonzip.archive.Manifest;
import org.photonzip.archive.PackedTiles;
import org.photonzip.archive.SourceRecord;
import org.photonzip.archive.Summary;
import org.photonzip.archive.TileRow;
import org.photonzip.codec.Tile;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.hdf5.Hdf5TreeCopy;
import org.photonzip.hdf5.MetadataSamples;
import org.photonzip.options.ModelChoice;
import org.photonzip.plan.TaskGroup;
import org.photonzip.plan.TaskPlanner;
import org.photonzip.plan.TilePlanner;
import org.photonzip.plan.TileShape;
import org.photonzip.report.ArchiveReport;
import org.photonzip.source.FrameKinds;
import org.photonzip.source.InputStack;
import org.photonzip.source.StackDescriptor;
import org.photonzip.tiles.TileCompressor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compresses one input into one archive (docs/archive-format.md): checks the input on the driver, captures its
 * metadata, plans tiles and tasks, runs the tasks ({@link CompressTask}), optionally verifies every tile, writes
 * the manifest and summary, and commits ({@link ArchiveCommitter}). Any failure before the commit removes what
 * was written.
 */
public final class CompressJob {
    /** Spark configuration key for the per-task slab budget (overridden by {@code --task-memory}). */
    public static final String TASK_MEMORY = "spark.photonzip.task.memory";

    static final long MIN_TASK_BYTES = 32L << 20;
    static final long MAX_TASK_BYTES = 1L << 30;

    /** What to compress, where, and how. {@code tile} and {@code taskBytes} may be null / 0 for the defaults. */
    /**
     * {@code sources}, when not null, gives the source's {@link SourceRecord} for summary.json just before the
     * commit; it throws (and nothing is committed) when a source file changed while it was archived.
     */
    public record Request(
            String input,
            String dataset,
            String archive,
            TileShape tile,
            ModelChoice model,
            boolean verify,
            boolean overwrite,
            long taskBytes,
            long maxMetadataBytes,
            org.photonzip.options.BoundRequest bound,
            java.util.function.Supplier<SourceRecord> sources,
            org.photonzip.source.TiffReferences references) {
        public Request(
                String input,
                String dataset,
                String archive,
                TileShape tile,
                ModelChoice model,
                boolean verify,
                boolean overwrite,
                long taskBytes,
                long maxMetadataBytes,
                org.photonzip.options.BoundRequest bound,
                java.util.function.Supplier<SourceRecord> sources) {
            this(
                    input,
                    dataset,
                    archive,
                    tile,
                    model,
                    verify,
                    overwrite,
                    taskBytes,
                    maxMetadataBytes,
                    bound,
                    sources,
                    org.photonzip.source.TiffReferences.NONE);
        }

        /** This request for a TIFF series with its flats, darks and angles {@code refs}. */
        public Request withReferences(org.photonzip.source.TiffReferences refs) {
            return new Request(
                    input,
                    dataset,
                    archive,
                    tile,
                    model,
                    verify,
                    overwrite,
                    taskBytes,
                    maxMetadataBytes,
                    bound,
                    sources,
                    refs);
        }

        /** This request with {@code record} giving summary.json's source record. */
        public Request withSources(java.util.function.Supplier<SourceRecord> record) {
            return new Request(
                    input,
                    dataset,
                    archive,
                    tile,
                    model,
                    verify,
                    overwrite,
                    taskBytes,
                    maxMetadataBytes,
                    bound,
                    record,
                    references);
        }

        public Request(
                String input,
                String dataset,
                String archive,
                TileShape tile,
                ModelChoice model,
                boolean verify,
                boolean overwrite,
                long taskBytes,
                long maxMetadataBytes,
                org.photonzip.options.BoundRequest bound) {
            this(input, dataset, archive, tile, model, verify, overwrite, taskBytes, maxMetadataBytes, bound, null);
        }

        /** A lossless request. */
        public Request(
                String input,
                String dataset,
                String archive,
                TileShape tile,
                ModelChoice model,
                boolean verify,
                boolean overwrite,
                long taskBytes,
                long maxMetadataBytes) {
            this(
                    input,
                    dataset,
                    archive,
                    tile,
                    model,
                    verify,
                    overwrite,
                    taskBytes,
                    maxMetadataBytes,
                    org.photonzip.options.BoundRequest.LOSSLESS);
        }
    }

    /** What a run did. */
    public record Report(
            String archive,
            StackDescriptor stack,
            Summary.Totals totals,
            VerifyJob.Result verification,
            List<String> notCaptured,
            long taskBytes,
            TileShape tile,
            long taskCpuNanos,
            String digest,
            String model,
            DriverTimes driverTimes,
            BoundRecord bound) {
        /** A lossless archive's report. */
        public Report(
                String archive,
                StackDescriptor stack,
                Summary.Totals totals,
                VerifyJob.Result verification,
                List<String> notCaptured,
                long taskBytes,
                TileShape tile,
                long taskCpuNanos,
                String digest,
                String model,
                DriverTimes driverTimes) {
            this(
                    archive,
                    stack,
                    totals,
                    verification,
                    notCaptured,
                    taskBytes,
                    tile,
                    taskCpuNanos,
                    digest,
                    model,
                    driverTimes,
                    null);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(CompressJob.class);

    private CompressJob() {}

    public static Report run(SparkSession spark, Request req, PrintStream console) throws IOException {
        try (Prepared job = prepare(spark, req)) {
            return job.run(console);
        }
    }

    /**
     * The driver's first steps for one archive, each done once: opens the input (its one open on the driver), then
     * checks the target and cleans up what interrupted runs left for it ({@link ArchiveCommitter#begin}), before
     * any of the stack is read or a model trained. Closing it without a {@link Prepared#run} removes what was begun.
     */
    public static Prepared prepare(SparkSession spark, Request req) throws IOException {
        long start = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        InputStack input = InputStack.open(req.input(), req.dataset(), req.references(), conf);
        try {
            ArchiveCommitter committer = ArchiveCommitter.begin(HadoopFiles.path(req.archive()), conf, req.overwrite());
            return new Prepared(spark, req, committer, input, start);
        } catch (Throwable e) {
            input.close();
            throw e;
        }
    }

    /** A compress whose target is checked and whose input is open (the one open of it on the driver). */
    public static final class Prepared implements AutoCloseable {
        private final SparkSession spark;
        private final Request req;
        private final ArchiveCommitter committer;
        private final InputStack input;
        private final long start;

        private Prepared(SparkSession spark, Request req, ArchiveCommitter committer, InputStack input, long start) {
            this.spark = spark;
            this.req = req;
            this.committer = committer;
            this.input = input;
            this.start = start;
        }

        /** The input's descriptor, as the driver read it. */
        public StackDescriptor stack() {
            return input.descriptor();
        }

        /** What was found and done about earlier runs' leftovers for the archive path (one line each). */
        public List<String> notes() {
            return committer.notes();
        }

        /** Compresses and commits, or removes everything written and throws. */
        public Report run(PrintStream console) throws IOException {
            return run(req, console);
        }

        /**
         * As {@link #run(PrintStream)}, with {@code request} for what to write: its input, dataset, references,
         * archive and overwrite must be those this was prepared with; its source record may be added now (the night hashes
         * the files of {@link #stack()}).
         */
        public Report run(Request request, PrintStream console) throws IOException {
            if (!request.input().equals(req.input())
                    || !request.archive().equals(req.archive())
                    || !java.util.Objects.equals(request.dataset(), req.dataset())
                    || request.overwrite() != req.overwrite()
                    || !java.util.Objects.equals(request.references(), req.references())) {
                throw new IllegalArgumentException("a compress prepared for " + req.input() + " -> " + req.archive()
                        + " cannot run " + request.input() + " -> " + request.archive());
            }
            return CompressJob.run(spark, request, committer, input, start, console);
        }

        /** Closes the input; removes the archive's files unless it was committed. */
        @Override
        public void close() throws IOException {
            try {
                committer.abort();
            } finally {
                input.close();
            }
        }
    }

    private static Report run(
            SparkSession spark,
            Request req,
            ArchiveCommitter committer,
            InputStack input,
            long start,
            PrintStream console)
            throws IOException {
        SparkContext sc = spark.sparkContext();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
        Configuration conf = sc.hadoopConfiguration();
        String group = JobGroup.begin(jsc, "compress " + req.input());
        try {
            StackDescriptor stack = input.descriptor();
            BoundRecord bound = BoundedSteps.resolve(req.bound(), req.model(), input, conf, console);
            TileCompressor compressor = ModelSetup.compressor(req.model(), stack, jsc, console);
            if (bound != null) {
                compressor = compressor.withErrorBound(bound.bound());
            }
            TileShape shape = req.tile() != null
                    ? req.tile()
                    : TilePlanner.defaultShape(stack.frames(), stack.height(), stack.width());
            long taskBytes = req.taskBytes() > 0 ? req.taskBytes() : defaultTaskBytes(sc);
            List<TaskGroup> groups = TaskPlanner.plan(stack.frames(), stack.height(), stack.width(), shape, taskBytes);
            // The driver captures the metadata while the executors encode (a thread of its own: the common
            // pool has one thread on a two-core driver, and several scans may be in flight).
            long captureStart = System.nanoTime();
            CompletableFuture<Summary.MetadataCapture> capture = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            Summary.MetadataCapture m = storeMetadata(input, committer, req.maxMetadataBytes());
                            org.photonzip.source.RemoteStage.Stats staged = input.staging();
                            LOG.info(String.format(
                                    java.util.Locale.ROOT,
                                    "%s: metadata captured in %.1f s%s",
                                    stack.description(),
                                    (System.nanoTime() - captureStart) / 1e9,
                                    staged == null
                                            ? ""
                                            : String.format(
                                                    java.util.Locale.ROOT,
                                                    " (staged %d of %d bytes of %d " + "file(s) in %.1f s)",
                                                    staged.bytesStaged(),
                                                    staged.sourceBytes(),
                                                    staged.files(),
                                                    staged.seconds())));
                            return m;
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    CompressJob::daemon);
            Broadcast<SerializableConfiguration> confB = jsc.broadcast(new SerializableConfiguration(conf));
            double prepare = DriverTimes.since(start);
            long encodeStart = System.nanoTime();
            Encoded encoded;
            try {
                encoded = encode(jsc, group, stack, groups, committer, compressor, confB, console);
            } catch (Throwable e) {
                capture.handle((m, x) -> null).join(); // let it finish before the cleanup deletes its target
                throw e;
            }
            double encodeSeconds = DriverTimes.since(encodeStart);
            long waitStart = System.nanoTime();
            Summary.MetadataCapture metadata = join(capture);
            double metadataWait = DriverTimes.since(waitStart);
            long verifyStart = System.nanoTime();
            List<TileRow> rows = encoded.rows();
            long bytesRead = encoded.bytesRead();
            VerifyJob.Result verification = null;
            if (req.verify()) {
                // A bounded archive is checked against the source: every value within its pixel's bound.
                verification = VerifyJob.run(
                        jsc,
                        committer.root().toString(),
                        rows,
                        new int[] {stack.frames(), stack.height(), stack.width()},
                        stack.dtype(),
                        encoded.packs(),
                        confB,
                        bound == null ? null : stack,
                        compressor);
                if (!verification.ok()) {
                    throw new VerificationFailedException("Cannot commit " + req.archive() + ": "
                            + verification.failed() + " tile(s) failed verification, e.g. "
                            + verification.failures().get(0));
                }
            }
            double verifySeconds = req.verify() ? DriverTimes.since(verifyStart) : 0;
            long compressed = rows.stream().mapToLong(TileRow::length).sum();
            Summary.Totals totals = new Summary.Totals(
                    rows.size(),
                    groups.size(),
                    stack.samples(),
                    compressed,
                    bytesRead,
                    (System.nanoTime() - start) / 1e9,
                    verification != null);
            long t = System.nanoTime();
            // A bounded archive's quality pass needs only the packs and metadata.h5: it runs beside the
            // manifest and summary.
            TileCompressor codec = compressor;
            CompletableFuture<org.photonzip.report.QualityData> quality = bound == null
                    ? null
                    : CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return BoundedSteps.quality(
                                            committer.fileSystem(),
                                            committer.root(),
                                            rows,
                                            codec,
                                            input,
                                            conf,
                                            bound,
                                            encoded.stageSeconds());
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            },
                            CompressJob::daemon);
            Summary summary;
            try {
                summary = writeManifestAndSummary(
                        committer,
                        rows,
                        stack,
                        input.stackAttributes(),
                        shape,
                        taskBytes,
                        compressor,
                        metadata,
                        totals,
                        sc,
                        bound,
                        req.sources());
            } catch (Throwable e) {
                if (quality != null) {
                    quality.handle((q, x) -> null).join(); // let it finish before the cleanup
                }
                throw e;
            }
            double manifest = DriverTimes.since(t);
            writeReport(committer, summary, rows, stack, compressor, encoded, quality == null ? null : join(quality));
            double report = DriverTimes.since(t) - manifest;
            committer.commit(rows, encoded.packs());
            DriverTimes times =
                    new DriverTimes(prepare, encodeSeconds, metadataWait, verifySeconds, DriverTimes.since(t));
            LOG.info(String.format(
                    java.util.Locale.ROOT,
                    "%s: committed %s; %s; finish: manifest and summary " + "%.2f s, report %.2f s, commit %.2f s",
                    stack.description(),
                    committer.target(),
                    times,
                    manifest,
                    report,
                    times.finish() - manifest - report));
            return new Report(
                    committer.target().toString(),
                    stack,
                    totals,
                    verification,
                    metadata.skipped(),
                    taskBytes,
                    shape,
                    encoded.taskCpuNanos(),
                    committer.digest(),
                    modelLine(compressor, rows),
                    times,
                    bound);
        } catch (Throwable e) {
            // Also Spark's SparkException, which Scala throws undeclared from collect(). Tasks of the failed
            // stage still running may yet create pack files: let them end before removing everything.
            JobGroup.awaitIdle(jsc, group);
            committer.abort();
            throw e;
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "photonzip-metadata");
        t.setDaemon(true);
        t.start();
    }

    /** The result table's model row: classical, or the learned model's hash and how many tiles chose it. */
    static String modelLine(TileCompressor compressor, List<TileRow> rows) {
        if (compressor.model() == null) {
            return TileCompressor.CLASSICAL;
        }
        long learned = rows.stream()
                .filter(r -> TileCompressor.LEARNED.equals(r.modelId()))
                .count();
        return String.format(
                java.util.Locale.ROOT,
                "learned %s (%d of %d tiles; the others classical)",
                compressor.modelHash().substring(0, 12),
                learned,
                rows.size());
    }

    private record Encoded(
            List<TileRow> rows,
            Map<String, FileEntry> packs,
            long bytesRead,
            long taskCpuNanos,
            double[] frameBitsPerPixel,
            Map<String, Double> stageSeconds,
            ArchiveReport.SampleFigures sampleFigures) {}

    private static <T> T join(CompletableFuture<T> capture) throws IOException {
        try {
            return capture.join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static Encoded encode(
            JavaSparkContext jsc,
            String group,
            StackDescriptor stack,
            List<TaskGroup> groups,
            ArchiveCommitter committer,
            TileCompressor compressor,
            Broadcast<SerializableConfiguration> confB,
            PrintStream console) {
        SparkContext sc = jsc.sc();
        CompressTask.JobCounters counters = new CompressTask.JobCounters(
                sc.longAccumulator("photonzip tiles"),
                sc.longAccumulator("photonzip samples"),
                sc.longAccumulator("photonzip bytes read"),
                sc.longAccumulator("photonzip bytes written"),
                sc.longAccumulator("photonzip read ns"),
                sc.longAccumulator("photonzip hash ns"),
                sc.longAccumulator("photonzip encode ns"),
                sc.longAccumulator("photonzip write ns"),
                sc.longAccumulator("photonzip task cpu ns"),
                sc.collectionAccumulator("photonzip frame bits"));
        long tiles = groups.stream().mapToLong(g -> g.tiles().size()).sum();
        Broadcast<TileCompressor> codec = jsc.broadcast(compressor);
        ReportSample sample = ReportSample.of(groups, sc);
        String label = "compress " + stack.description();
        jsc.setJobDescription(label);
        List<PackedTiles> packed;
        try (ProgressLine progress = new ProgressLine(
                label, tiles, stack.samples(), counters.tilesDone(), counters.samplesDone(), console)) {
            sc.addSparkListener(progress);
            try {
                packed = jsc.parallelize(groups, groups.size())
                        .mapPartitions(
                                new CompressTask(stack, committer.root().toString(), codec, confB, counters, sample))
                        .collect();
                progress.print(true);
            } finally {
                sc.removeSparkListener(progress);
            }
        }
        // Killed speculative attempts may still be closing their packs.
        JobGroup.awaitIdle(jsc, group);
        LOG.info(String.format(
                java.util.Locale.ROOT,
                "%s: task time read %.1f s, hash %.1f s, encode %.1f s, "
                        + "write %.1f s; task CPU %.1f s (summed over tasks)",
                stack.description(),
                counters.readNanos().value() / 1e9,
                counters.hashNanos().value() / 1e9,
                counters.encodeNanos().value() / 1e9,
                counters.writeNanos().value() / 1e9,
                counters.taskCpuNanos().value() / 1e9));
        List<TileRow> rows = new ArrayList<>();
        Map<String, FileEntry> packs = new LinkedHashMap<>();
        for (PackedTiles p : packed) {
            rows.addAll(p.rows());
            packs.put(p.pack(), p.file());
        }
        ReturnedTiles.checkCoverage(groups, rows, stack);
        List<TileRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(TileRow::t0)
                .thenComparingInt(TileRow::y0)
                .thenComparingInt(TileRow::x0));
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("read (task time)", counters.readNanos().value() / 1e9);
        stages.put("hash (task time)", counters.hashNanos().value() / 1e9);
        stages.put("encode (task time)", counters.encodeNanos().value() / 1e9);
        stages.put("write (task time)", counters.writeNanos().value() / 1e9);
        return new Encoded(
                sorted,
                packs,
                counters.bytesRead().value(),
                counters.taskCpuNanos().value(),
                ReturnedTiles.frameBitsPerPixel(stack, counters.frameBits().value()),
                stages,
                sample.figures());
    }

    private static Summary.MetadataCapture storeMetadata(InputStack input, ArchiveCommitter committer, long max)
            throws IOException {
        java.nio.file.Path dir = Files.createTempDirectory("photonzip-metadata-");
        try {
            java.nio.file.Path local = dir.resolve(ArchiveLayout.METADATA);
            java.nio.file.Path samplesFile = dir.resolve(ArchiveLayout.METADATA_SAMPLES);
            Hdf5TreeCopy.Report r;
            MetadataSamples samples;
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(samplesFile))) {
                samples = new MetadataSamples(out);
                r = input.captureMetadata(local, max, samples);
            }
            committer
                    .fileSystem()
                    .copyFromLocalFile(
                            false, false, new Path(local.toUri()), new Path(committer.root(), ArchiveLayout.METADATA));
            if (!samples.entries().isEmpty()) {
                committer
                        .fileSystem()
                        .copyFromLocalFile(
                                false,
                                false,
                                new Path(samplesFile.toUri()),
                                new Path(committer.root(), ArchiveLayout.METADATA_SAMPLES));
            }
            return new Summary.MetadataCapture(
                    r.groups(),
                    r.datasets(),
                    r.attributes(),
                    r.skipped(),
                    samples.entries().stream().map(CompressJob::coded).toList());
        } finally {
            try (var files = Files.walk(dir)) {
                for (java.nio.file.Path p :
                        files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The archive's record of a dataset the capture coded. */
    private static CodedDataset coded(MetadataSamples.Entry e) {
        return new CodedDataset(
                e.path(),
                e.dtype(),
                e.shape(),
                e.sha256(),
                e.parts().stream()
                        .map(p -> new CodedDataset.Part(
                                p.t0(), p.frames(), p.y0(), p.rows(), p.offset(), p.length(), p.sha256()))
                        .toList());
    }

    /** Writes model.pzm, the manifest and summary.json; returns the summary as written, for the report. */
    private static Summary writeManifestAndSummary(
            ArchiveCommitter committer,
            List<TileRow> rows,
            StackDescriptor stack,
            java.util.Map<String, String> attributes,
            TileShape shape,
            long taskBytes,
            TileCompressor compressor,
            Summary.MetadataCapture metadata,
            Summary.Totals totals,
            SparkContext sc,
            BoundRecord bound,
            java.util.function.Supplier<SourceRecord> sources)
            throws IOException {
        FileSystem fs = committer.fileSystem();
        Path root = committer.root();
        if (compressor.model() != null) {
            try (FSDataOutputStream out = fs.create(new Path(root, ArchiveLayout.MODEL), false)) {
                out.write(compressor.model().toBytes());
            }
        }
        Manifest.writeParquet(rows, fs, new Path(root, ArchiveLayout.MANIFEST), sc.hadoopConfiguration());
        Manifest.writeCsv(rows, fs, new Path(root, ArchiveLayout.MANIFEST_CSV));
        Summary summary = Summary.create(
                committer.archiveId(),
                stack,
                attributes,
                new int[] {shape.frames(), shape.height(), shape.width()},
                taskBytes,
                compressor.model() == null ? TileCompressor.CLASSICAL : TileCompressor.LEARNED,
                compressor.modelHash(),
                metadata,
                totals,
                sc.master(),
                sc.defaultParallelism());
        if (bound != null) {
            summary = summary.withBound(bound);
        }
        if (sources != null) {
            summary = summary.withSourceRecord(sources.get());
        }
        try (FSDataOutputStream out = fs.create(new Path(root, ArchiveLayout.SUMMARY), false)) {
            out.write(summary.toJson());
        }
        return summary;
    }

    /** report.html with frames.csv and stages.csv, before the commit so that they are part of the archive. */
    private static void writeReport(
            ArchiveCommitter committer,
            Summary summary,
            List<TileRow> rows,
            StackDescriptor stack,
            TileCompressor compressor,
            Encoded encoded,
            org.photonzip.report.QualityData quality)
            throws IOException {
        FileSystem fs = committer.fileSystem();
        Path root = committer.root();
        ArchiveReport.writeFigures(fs, root, encoded.frameBitsPerPixel(), encoded.stageSeconds());
        TileRow middle = rows.get(rows.size() / 2);
        // The executor that encoded the sample tile sent its figures (ReportSample); decoded here only without.
        Tile sample = encoded.sampleFigures() != null || middle.frames() <= 1
                ? null
                : CheckedTile.decode(
                        middle,
                        CheckedTile.read(fs, root, middle),
                        compressor,
                        new int[] {stack.frames(), stack.height(), stack.width()},
                        stack.dtype(),
                        root.toString());
        String[] kinds = HadoopFiles.isLocal(root)
                ? FrameKinds.fromMetadata(HadoopFiles.localFile(new Path(root, ArchiveLayout.METADATA)), stack.frames())
                : null;
        long packs = rows.stream().map(TileRow::pack).distinct().count();
        String target = committer.target().toString();
        ArchiveReport.writeHtml(
                fs,
                new Path(root, ArchiveReport.HTML),
                encoded.sampleFigures() != null
                        ? ArchiveReport.data(
                                summary,
                                target,
                                packs,
                                rows,
                                encoded.frameBitsPerPixel(),
                                kinds,
                                encoded.stageSeconds(),
                                encoded.sampleFigures(),
                                quality)
                        : ArchiveReport.data(
                                summary,
                                target,
                                packs,
                                rows,
                                encoded.frameBitsPerPixel(),
                                kinds,
                                encoded.stageSeconds(),
                                sample,
                                compressor,
                                quality));
    }

    /**
     * The slab budget per task when none is given: {@value TASK_MEMORY} if set, else 30 % of an executor's heap
     * divided by its cores (in local mode the driver's heap and thread count), within 32 MiB .. 1 GiB.
     */
    public static long defaultTaskBytes(SparkContext sc) {
        if (sc.getConf().contains(TASK_MEMORY)) {
            return sc.getConf().getSizeAsBytes(TASK_MEMORY);
        }
        long heap;
        int cores;
        if (sc.isLocal()) {
            heap = Runtime.getRuntime().maxMemory();
            cores = Math.max(1, sc.defaultParallelism());
        } else {
            heap = sc.getConf().getSizeAsBytes("spark.executor.memory", "1g");
            cores = Math.max(1, sc.getConf().getInt("spark.executor.cores", 1));
        }
        return Math.max(MIN_TASK_BYTES, Math.min(MAX_TASK_BYTES, (long) (heap * 0.3 / cores)));
    }
}
