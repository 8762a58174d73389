package org.photonzip.restore;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.TileRow;
import org.photonzip.hdf5.StackLayout;
import org.photonzip.source.Dtype;

/**
 * Writes the region's samples into the stack datasets band by band ({@link Bands}): the tiles of a band are decoded
 * and checked in parallel into memory ({@link BandFill}), then its chunks are written once each, whole
 * ({@link BandWriter}). Memory: one band (the tiles' frames across the region, merged up to 64 MiB; never more
 * than the budget) plus a tile and two chunks per thread.
 */
final class StackFill {
    private final ArchiveReader archive;
    private final Region region;
    private final String output;

    StackFill(ArchiveReader archive, Region region, String output) {
        this.archive = archive;
        this.region = region;
        this.output = output;
    }

    /** @return the number of tiles decoded (those overlapping the region); {@code times} gets where the CPU went */
    long fill(StackSink sink, int threads, long budgetBytes, RestoreTimes times) throws IOException {
        List<TileRow> rows = new ArrayList<>();
        for (TileRow r : archive.rows()) {
            if (r.overlaps(region.t0(), region.t1(), region.y0(), region.y1(), region.x0(), region.x1())) {
                rows.add(r);
            }
        }
        rows.sort(Comparator.comparing(TileRow::pack).thenComparingLong(TileRow::offset));
        int es = Dtype.of(archive.summary().dtype()).bytes();
        List<int[]> bands = Bands.plan(rows, region, step(sink.layouts()), es, budgetBytes);
        long frameSamples = (long) (region.y1() - region.y0()) * (region.x1() - region.x0());
        BandFill fill = new BandFill(archive, region, times);
        BandWriter writer = new BandWriter(sink, region, output, times);
        try (Workers workers = new Workers(threads)) {
            short[] band = null;
            for (int[] ab : bands) {
                int n = (int) ((ab[1] - ab[0]) * frameSamples);
                if (band == null || band.length != n) {
                    band = null; // the old band may go before the new one is allocated
                    band = new short[n];
                }
                fill.fill(rows, ab[0], ab[1], band, workers);
                writer.write(ab[0], ab[1], band, workers);
            }
        }
        return rows.size();
    }

    /** Frames every band starts at a multiple of: the least common multiple of the datasets' chunk frames. */
    private int step(List<StackLayout> layouts) {
        BigInteger lcm = BigInteger.ONE;
        for (StackLayout l : layouts) {
            BigInteger c = BigInteger.valueOf(l.chunkFrames());
            lcm = lcm.multiply(c).divide(lcm.gcd(c));
        }
        return lcm.min(BigInteger.valueOf(region.t1() - region.t0())).intValue();
    }
}
