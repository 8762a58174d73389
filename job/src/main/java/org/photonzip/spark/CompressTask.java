package org.photonzip.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.PackWriter;
import org.photonzip.archive.PackedTiles;
import org.photonzip.archive.TileRow;
import org.photonzip.codec.EncodedTile;
import org.photonzip.codec.SampleHash;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileIdentity;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.plan.TaskGroup;
import org.photonzip.plan.TileRegion;
import org.photonzip.source.SlabReader;
import org.photonzip.source.StackDescriptor;
import org.photonzip.tiles.TileCompressor;

/**
 * What an executor does for one task: read the task's slab from the source once, encode its tiles, append them
 * to a pack of its own ({@link ArchiveLayout#packName}: unique per attempt) and return one manifest row per tile.
 * The rows reach the driver only when the attempt succeeds, so a retried or speculative loser's pack is never
 * referenced; the committer deletes it.
 */
final class CompressTask implements FlatMapFunction<Iterator<TaskGroup>, PackedTiles> {

    private final StackDescriptor stack;
    private final String root;
    private final Broadcast<TileCompressor> compressor;
    private final Broadcast<SerializableConfiguration> conf;
    private final JobCounters counters;
    private final ReportSample sample;

    CompressTask(
            StackDescriptor stack,
            String root,
            Broadcast<TileCompressor> compressor,
            Broadcast<SerializableConfiguration> conf,
            JobCounters counters,
            ReportSample sample) {
        this.stack = stack;
        this.root = root;
        this.compressor = compressor;
        this.conf = conf;
        this.counters = counters;
        this.sample = sample;
    }

    @Override
    public Iterator<PackedTiles> call(Iterator<TaskGroup> groups) throws IOException {
        List<PackedTiles> packs = new ArrayList<>();
        while (groups.hasNext()) {
            packs.add(compress(groups.next()));
        }
        return packs.iterator();
    }

    private PackedTiles compress(TaskGroup group) throws IOException {
        long cpu = THREADS.getCurrentThreadCpuTime();
        try {
            return compressGroup(group);
        } finally {
            counters.taskCpuNanos().add(THREADS.getCurrentThreadCpuTime() - cpu);
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private PackedTiles compressGroup(TaskGroup group) throws IOException {
        Configuration hadoop = conf.value().get();
        TileBuffers buffers = new TileBuffers(group);
        LongAdder read = new LongAdder();
        long start = System.nanoTime();
        try (SlabReader reader = SlabReader.open(stack, hadoop, read)) {
            reader.read(group.t0(), group.frames(), group.y0(), group.height(), group.x0(), group.width(), buffers);
        } finally {
            counters.bytesRead().add(read.sum());
            counters.readNanos().add(System.nanoTime() - start);
        }
        TaskContext ctx = TaskContext.get();
        int attempt = ctx == null ? 0 : ctx.attemptNumber();
        long attemptId = ctx == null ? 0 : ctx.taskAttemptId();
        String name = ArchiveLayout.packName(group.index(), attempt, attemptId);
        Path packPath = ArchiveLayout.pack(new Path(root), name);
        FileSystem fs = HadoopFiles.fileSystem(packPath, hadoop);
        TaskFaults faults = TaskFaults.installed();
        TileCompressor codec = compressor.value();
        List<TileRow> rows = new ArrayList<>(group.tiles().size());
        PackWriter pack = PackWriter.create(fs, packPath);
        try {
            for (int i = 0; i < group.tiles().size(); i++) {
                faults.beforeTile(group.index(), attempt, i, pack);
                TileRegion r = group.tiles().get(i);
                short[] samples = buffers.take(i);
                long t0 = System.nanoTime();
                EncodedTile encoded = codec.encode(
                        Tile.wrap(r.frames(), r.height(), r.width(), samples),
                        new TileIdentity(
                                stack.datasetPath(),
                                r.t0(),
                                r.y0(),
                                r.x0(),
                                r.frames(),
                                r.height(),
                                r.width(),
                                stack.frames(),
                                stack.height(),
                                stack.width()));
                byte[] stream = encoded.stream();
                long t1 = System.nanoTime();
                // What the tile decodes to: the samples themselves when lossless, the reconstruction when bounded,
                // so that a decode is always checked against the manifest.
                String hash = SampleHash.of(encoded.reconstruction());
                sample.offer(r, encoded.reconstruction(), codec);
                long t2 = System.nanoTime();
                long offset = pack.append(stream);
                counters.encodeNanos().add(t1 - t0);
                counters.hashNanos().add(t2 - t1);
                counters.writeNanos().add(System.nanoTime() - t2);
                rows.add(new TileRow(
                        stack.datasetPath(),
                        r.t0(),
                        r.frames(),
                        r.y0(),
                        r.height(),
                        r.x0(),
                        r.width(),
                        name,
                        offset,
                        stream.length,
                        PackWriter.crc32c(stream, 0, stream.length),
                        hash,
                        8.0 * stream.length / r.samples(),
                        TileCompressor.modelIdOf(encoded)));
                float[] bits = new float[encoded.frameBits().length];
                for (int k = 0; k < bits.length; k++) {
                    bits[k] = (float) encoded.frameBits()[k];
                }
                counters.frameBits().add(new FrameBits(r.t0(), r.y0(), r.x0(), r.height() * r.width(), bits));
                counters.tilesDone().add(1);
                counters.samplesDone().add(r.samples());
                counters.bytesWritten().add(stream.length);
            }
            pack.close();
        } catch (TaskFaults.SimulatedKill e) {
            throw e; // a killed task does not clean up after itself
        } catch (IOException | RuntimeException | Error e) {
            try {
                pack.close();
                fs.delete(packPath, false);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return new PackedTiles(name, pack.entry(), rows);
    }

    /** Accumulators the driver reads for its progress line and summary. */
    record JobCounters(
            LongAccumulator tilesDone,
            LongAccumulator samplesDone,
            LongAccumulator bytesRead,
            LongAccumulator bytesWritten,
            LongAccumulator readNanos,
            LongAccumulator hashNanos,
            LongAccumulator encodeNanos,
            LongAccumulator writeNanos,
            LongAccumulator taskCpuNanos,
            CollectionAccumulator<FrameBits> frameBits)
            implements java.io.Serializable {}
}
