package org.photonzip.training;

import java.util.SplittableRandom;
import org.photonzip.codec.Tile;
import org.photonzip.codec.model.TrainingSampler;
import org.photonzip.codec.model.TrainingSet;

/** A small projection-like tile (a sharp-edged disc sliding over a flickering beam, photon noise) and its examples. */
final class TestTiles {
    private TestTiles() {}

    static Tile slidingDisc(int frames, int height, int width, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tile t = Tile.allocate(frames, height, width);
        for (int k = 0; k < frames; k++) {
            double beam = 20000 * (1 + 0.02 * r.nextGaussian());
            double cx = width * (0.3 + 0.4 * k / frames);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double inside = Math.hypot(x - cx, y - height / 2.0) < height / 3.0 ? 0.25 : 1;
                    double mean = 100 + beam * inside * (1 + 0.3 * Math.sin(y * 0.2));
                    t.set(k, y, x, (int)
                            Math.max(0, Math.min(65535, Math.round(mean + r.nextGaussian() * Math.sqrt(1.5 * mean)))));
                }
            }
        }
        return t;
    }

    static TrainingSet examples(int tiles, int perTile) {
        TrainingSet.Builder b = new TrainingSet.Builder();
        for (int i = 0; i < tiles; i++) {
            TrainingSampler.sample(slidingDisc(24, 40, 48, i), perTile, i, b);
        }
        return b.build();
    }
}
