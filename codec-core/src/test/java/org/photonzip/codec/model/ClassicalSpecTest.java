package org.photonzip.codec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.photonzip.codec.entropy.ResidualAlphabet;
import org.photonzip.codec.entropy.ResidualEncoder;

/**
 * The coder's fast interior loop must compute exactly what docs/tile-format.md §3.2 specifies, which the
 * border-safe {@link NeighbourhoodReader} path implements literally: otherwise a decoder written from the
 * specification would disagree with this one even though this encoder and decoder agree with each other.
 */
class ClassicalSpecTest {

    @Test
    void everySampleIsPredictedAndContextedAsSpecified() {
        SplittableRandom r = new SplittableRandom(3);
        for (int[] s : new int[][] {{6, 9, 11}, {5, 3, 3}, {4, 1, 7}, {7, 12, 2}}) {
            int frames = s[0], h = s[1], w = s[2];
            short[] d = new short[frames * h * w];
            for (int i = 0; i < d.length; i++) {
                int x = i % w;
                d[i] = (short) (3000 + 50 * x + (i / (h * w)) * 7 + r.nextInt(400));
            }
            int maxIndex = 65535;
            ClassicalModel model = ClassicalModel.fit(d, frames, h, w, maxIndex);
            ResidualEncoder recorder = ResidualEncoder.recording(d.length);
            model.code(d, frames, h, w, maxIndex, recorder, null);

            NeighbourhoodReader nb = new NeighbourhoodReader(d, h, w, maxIndex);
            int plane = h * w;
            int[] abs = new int[d.length];
            int[] f = new int[ClassicalModel.INTER_FEATURES];
            for (int t = 0; t < frames; t++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = t * plane + y * w + x;
                        int[] weights = t == 0 ? model.intraWeights() : model.interWeights();
                        int base = t == 0 ? nb.intra(i, y, x, f) : nb.inter(i, t, y, x, f);
                        long acc = 0;
                        for (int k = 0; k < weights.length; k++) {
                            acc += (long) weights[k] * f[k];
                        }
                        int pred = Math.max(0, Math.min(maxIndex, base + (int) ((acc + 2048) >> 12)));
                        int residual = (d[i] & 0xFFFF) - pred;
                        assertEquals(residual, recorder.residual(i), "residual of sample " + i);
                        assertEquals(
                                ResidualAlphabet.context(specEnergy(abs, t, y, x, h, w)),
                                recorder.context(i),
                                "context of sample " + i);
                        abs[i] = Math.abs(residual);
                    }
                }
            }
        }
    }

    /** §3.2's error energy, term by term. */
    private static int specEnergy(int[] a, int t, int y, int x, int h, int w) {
        int plane = h * w;
        int sum = 0;
        int weight = 0;
        int[][] terms = {
            {0, 0, -1, 2},
            {0, -1, 0, 2},
            {0, -1, -1, 1},
            {0, -1, 1, 1},
            {-1, 0, 0, 2},
            {-1, 0, -1, 1},
            {-1, 0, 1, 1},
            {-1, -1, 0, 1},
            {-1, 1, 0, 1}
        };
        for (int[] term : terms) {
            int tt = t + term[0], yy = y + term[1], xx = x + term[2];
            if (tt >= 0 && yy >= 0 && yy < h && xx >= 0 && xx < w) {
                sum += term[3] * a[tt * plane + yy * w + xx];
                weight += term[3];
            }
        }
        return weight == 0 ? 0 : sum * 12 / weight;
    }
}
