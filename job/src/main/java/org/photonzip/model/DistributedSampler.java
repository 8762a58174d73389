package org.photonzip.model;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.photonzip.codec.Tile;
import org.photonzip.codec.model.TrainingSampler;
import org.photonzip.codec.model.TrainingSet;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.plan.TilePlanner;
import org.photonzip.plan.TileRegion;
import org.photonzip.source.SlabStackSource;
import org.photonzip.source.StackDescriptor;

/**
 * {@link StackSampler}'s sampling done by the executors: each sampled tile is read and turned into training
 * examples by one task, where the data is, and only the examples (about 72 bytes each) come back to the driver,
 * which then trains. Same tiles, same seeds, same order: the very examples {@link StackSampler} draws.
 */
public final class DistributedSampler {
    private DistributedSampler() {}

    public static StackSampler.Sample sample(
            JavaSparkContext jsc,
            StackDescriptor stack,
            Broadcast<SerializableConfiguration> conf,
            int maxSamples,
            int maxTiles,
            long seed) {
        if (maxSamples < 1 || maxTiles < 1) {
            throw new IllegalArgumentException(
                    "Invalid sampling: " + maxSamples + " samples from " + maxTiles + " tiles");
        }
        List<TileRegion> all = TilePlanner.plan(
                stack.frames(),
                stack.height(),
                stack.width(),
                TilePlanner.defaultShape(stack.frames(), stack.height(), stack.width()));
        List<TileRegion> chosen = new ArrayList<>(StackSampler.spread(all, maxTiles));
        int perTile = (maxSamples + chosen.size() - 1) / chosen.size();
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            indices.add(i);
        }
        jsc.setJobDescription("sample " + stack.description() + " for training");
        List<int[][]> parts = jsc.parallelize(indices, indices.size())
                .map(i -> {
                    TileRegion r = chosen.get(i);
                    short[] samples = new short[Math.toIntExact(r.samples())];
                    try (SlabStackSource source =
                            new SlabStackSource(stack, conf.value().get())) {
                        source.read(r.t0(), r.frames(), r.y0(), r.height(), r.x0(), r.width(), samples);
                    }
                    TrainingSet.Builder b = new TrainingSet.Builder();
                    TrainingSampler.sample(Tile.wrap(r.frames(), r.height(), r.width(), samples), perTile, seed + i, b);
                    TrainingSet set = b.build();
                    return new int[][] {set.inputs(), set.residuals(), set.energies()};
                })
                .collect();
        return new StackSampler.Sample(concat(parts), chosen.size(), all.size());
    }

    /** The tiles' examples one after another, in tile order (collect keeps the partitions' order). */
    static TrainingSet concat(List<int[][]> parts) {
        int n = 0;
        int inputs = 0;
        for (int[][] p : parts) {
            n += p[1].length;
            inputs += p[0].length;
        }
        int[] x = new int[inputs];
        int[] residuals = new int[n];
        int[] energies = new int[n];
        int at = 0;
        int atX = 0;
        for (int[][] p : parts) {
            System.arraycopy(p[0], 0, x, atX, p[0].length);
            System.arraycopy(p[1], 0, residuals, at, p[1].length);
            System.arraycopy(p[2], 0, energies, at, p[2].length);
            atX += p[0].length;
            at += p[1].length;
        }
        return new TrainingSet(x, residuals, energies);
    }
}
