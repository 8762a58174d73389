package org.photonzip.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.photonzip.codec.Tile;
import org.photonzip.codec.model.TrainingSampler;
import org.photonzip.codec.model.TrainingSet;
import org.photonzip.plan.TilePlanner;
import org.photonzip.plan.TileRegion;
import org.photonzip.source.StackSource;

/**
 * Training examples from a stack: the tiles the planner would cut (so that each example sees the per-tile
 * classical fit it will be coded with), a few of them spread evenly over the scan, each read once and sampled
 * by {@link TrainingSampler}. Deterministic for a given seed.
 */
public final class StackSampler {
    private StackSampler() {}

    /** Which tiles were read and how many examples they gave. */
    public record Sample(TrainingSet set, int tilesRead, int tilesInStack) {}

    /** About {@code maxSamples} examples from at most {@code maxTiles} tiles of {@code source}. */
    public static Sample sample(StackSource source, int maxSamples, int maxTiles, long seed) throws IOException {
        if (maxSamples < 1 || maxTiles < 1) {
            throw new IllegalArgumentException(
                    "Invalid sampling: " + maxSamples + " samples from " + maxTiles + " tiles");
        }
        List<TileRegion> all = TilePlanner.plan(
                source.frames(),
                source.height(),
                source.width(),
                TilePlanner.defaultShape(source.frames(), source.height(), source.width()));
        List<TileRegion> chosen = spread(all, maxTiles);
        TrainingSet.Builder builder = new TrainingSet.Builder();
        int perTile = (maxSamples + chosen.size() - 1) / chosen.size();
        for (int i = 0; i < chosen.size(); i++) {
            TileRegion r = chosen.get(i);
            short[] samples = new short[Math.toIntExact(r.samples())];
            source.read(r.t0(), r.frames(), r.y0(), r.height(), r.x0(), r.width(), samples);
            TrainingSampler.sample(Tile.wrap(r.frames(), r.height(), r.width(), samples), perTile, seed + i, builder);
        }
        return new Sample(builder.build(), chosen.size(), all.size());
    }

    /** {@code n} tiles evenly spaced through the list (all of them when there are fewer). */
    static List<TileRegion> spread(List<TileRegion> tiles, int n) {
        if (tiles.size() <= n) {
            return tiles;
        }
        List<TileRegion> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(tiles.get((int) ((2L * i + 1) * tiles.size() / (2L * n))));
        }
        return out;
    }
}
