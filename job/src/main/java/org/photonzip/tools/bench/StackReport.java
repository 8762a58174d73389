package org.photonzip.tools.bench;

import java.util.List;
import org.photonzip.plan.TileShape;

/** The benchmark of one stack (or its first frames): what was measured and each codec's result. */
public record StackReport(
        String description, int frames, int height, int width, TileShape tile, int tiles, List<CodecResult> results) {
    public long samples() {
        return (long) frames * height * width;
    }

    public long bytes() {
        return samples() * 2;
    }
}
