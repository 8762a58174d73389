package org.photonzip.plan;

import java.io.Serializable;
import java.util.List;

/**
 * The tiles one Spark task encodes: a frame run × a band of rows × a range of columns (the slab it reads from the
 * source, once), cut into tiles that share no sample.
 */
public record TaskGroup(int index, int t0, int frames, int y0, int height, int x0, int width, List<TileRegion> tiles)
        implements Serializable {

    public long samples() {
        return (long) frames * height * width;
    }

    /** Bytes of uint16 samples the task holds while encoding: the bound {@link TaskPlanner} keeps. */
    public long slabBytes() {
        return samples() * 2;
    }
}
