package org.photonzip.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.photonzip.archive.TileRow;

/** Which tiles and frames the bounded quality pass compares: a bounded sample of whole frames of a large stack. */
class BoundedQualitySamplingTest {
    @Test
    void aLargeStackIsComparedInABoundedSampleOfWholeFrames() {
        List<TileRow> rows = new ArrayList<>();
        for (int t0 = 0; t0 < 640; t0 += 64) {
            for (int x0 = 0; x0 < 1024; x0 += 512) {
                rows.add(new TileRow("/d", t0, 64, 0, 512, x0, 512, "p", 0, 1, 0, "", 1, "classical"));
            }
        }
        long samples = 640L * 512 * 1024;
        List<TileRow> picked = BoundedQualityRun.sampled(rows, samples);
        long compared = picked.stream().mapToLong(TileRow::samples).sum();
        assertTrue(compared <= samples / 8 && compared > 0, compared + " of " + samples);
        assertEquals(0, picked.size() % 2, "whole frames: both tiles of each range");
        int stride = BoundedQualityRun.frameStride(picked, samples);
        String[] kinds = BoundedQualityRun.comparedKinds(null, picked, stride, 640);
        for (TileRow r : picked) {
            assertEquals("projection", kinds[r.t0()]);
        }
        long comparedFrames =
                java.util.Arrays.stream(kinds).filter("projection"::equals).count();
        assertTrue(comparedFrames * 512 * 1024 <= 2 * samples / BoundedQualityRun.SHARE, comparedFrames + " frames");
        assertEquals(1, BoundedQualityRun.frameStride(rows, BoundedQualityRun.FULL_SAMPLES));
        // A small stack is compared whole.
        assertEquals(rows, BoundedQualityRun.sampled(rows, BoundedQualityRun.FULL_SAMPLES));
    }
}
