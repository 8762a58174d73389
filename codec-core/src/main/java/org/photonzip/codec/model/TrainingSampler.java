package org.photonzip.codec.model;

import java.util.SplittableRandom;
import org.photonzip.codec.Tile;
import org.photonzip.codec.entropy.ResidualEncoder;
import org.photonzip.codec.learned.IntegerMlp;
import org.photonzip.codec.learned.LearnedInputs;
import org.photonzip.codec.map.ValueMap;

/**
 * Training examples for the learned model, computed exactly as {@link LearnedCoder} computes them: for sampled
 * inter-frame samples of a tile, the network inputs, the classical residual (value minus classical prediction)
 * and the error energy.
 */
public final class TrainingSampler extends ClassicalCoder {
    private final double probability;
    private final SplittableRandom random;
    private final TrainingSet.Builder out;

    private TrainingSampler(
            ClassicalModel model,
            short[] data,
            int frames,
            int height,
            int width,
            int maxIndex,
            double probability,
            long seed,
            TrainingSet.Builder out) {
        super(model, data, height, width, maxIndex, new ResidualEncoder(height * width), null);
        this.probability = probability;
        this.random = new SplittableRandom(seed);
        this.out = out;
    }

    /**
     * Adds about {@code maxSamples} examples from {@code tile} (value-mapped and fitted as the encoder would)
     * to {@code out}.
     */
    public static void sample(Tile tile, int maxSamples, long seed, TrainingSet.Builder out) {
        if (tile.frames() < 2) {
            return;
        }
        short[] samples = tile.samples();
        ValueMap map = ValueMap.analyse(samples);
        short[] indices = new short[samples.length];
        map.toIndices(samples, indices);
        ClassicalModel model = ClassicalModel.fit(indices, tile.frames(), tile.height(), tile.width(), map.maxIndex());
        long inter = (long) (tile.frames() - 1) * tile.pixelsPerFrame();
        double p = Math.min(1.0, (double) maxSamples / inter);
        // The first frame is coded (intra) only to fill the error planes that frame 1 reads.
        new TrainingSampler(model, indices, tile.frames(), tile.height(), tile.width(), map.maxIndex(), p, seed, out)
                .run(tile.frames());
    }

    @Override
    void interFrame(int t) {
        int frameStart = t * plane;
        int[] x = new int[IntegerMlp.INPUTS];
        for (int pos = 0; pos < plane; pos++) {
            int i = frameStart + pos;
            int y = pos / w;
            int xx = pos - y * w;
            int pc = interPrediction(i, t, y, xx);
            int energy = borderEnergy(y, xx, true);
            int residual = (d[i] & 0xFFFF) - pc;
            errCur[pos] = Math.abs(residual);
            if (random.nextDouble() < probability) {
                LearnedInputs.fill(f, base, pc, energy, x, 0);
                out.add(x, residual, energy);
            }
        }
    }
}
