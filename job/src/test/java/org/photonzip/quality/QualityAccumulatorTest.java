package org.photonzip.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;

/**
 * A scan with interleaved flats and darks (image_key style) restored with uniform errors of at most δ: the
 * figures do not depend on how the stack is cut into blocks or in which order they arrive, and they say
 * what the errors are.
 */
class QualityAccumulatorTest {
    static final int T = 64;
    static final int H = 24;
    static final int W = 48;
    static final int DELTA = 3;

    record Stack(short[] source, short[] restored, String[] kinds) {}

    static Stack stack() {
        Random r = new Random(8);
        String[] kinds = new String[T];
        short[] src = new short[T * H * W];
        short[] rst = new short[T * H * W];
        double[] rad = new double[T - 8];
        for (int t = 0; t < T; t++) {
            kinds[t] = t < 4 ? "flat" : t < 8 ? "dark" : "projection";
        }
        for (int p = 0; p < rad.length; p++) {
            rad[p] = Math.PI * p / rad.length;
        }
        double[] sino = ReconstructionTest.discSinogram(rad, 0.01);
        for (int t = 0; t < T; t++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double p = t < 8 ? 0 : sino[(t - 8) * ReconstructionTest.WIDTH + Math.min(x, 63)];
                    double mean = kinds[t].equals("dark") ? 100 : 100 + 20000 * Math.exp(-p);
                    int v = (int) Math.round(mean + Math.sqrt(mean) * r.nextGaussian());
                    int i = (t * H + y) * W + x;
                    src[i] = (short) v;
                    rst[i] = (short) (v + r.nextInt(2 * DELTA + 1) - DELTA);
                }
            }
        }
        return new Stack(src, rst, kinds);
    }

    static QualityReport run(Stack s, int bt, int bh, int bw, boolean shuffle) {
        QualityPlan plan = QualityPlan.of(T, H, W, s.kinds());
        QualityAccumulator acc = new QualityAccumulator(plan, ErrorBound.absolute(DELTA), NoiseModel.of(1, 100, 3));
        List<int[]> blocks = new ArrayList<>();
        for (int t = 0; t < T; t += bt) {
            for (int y = 0; y < H; y += bh) {
                for (int x = 0; x < W; x += bw) {
                    blocks.add(new int[] {t, Math.min(bt, T - t), y, Math.min(bh, H - y), x, Math.min(bw, W - x)});
                }
            }
        }
        if (shuffle) {
            Collections.shuffle(blocks, new Random(2));
        }
        for (int[] b : blocks) {
            short[] a = new short[b[1] * b[3] * b[5]];
            short[] c = new short[a.length];
            int k = 0;
            for (int t = b[0]; t < b[0] + b[1]; t++) {
                for (int y = b[2]; y < b[2] + b[3]; y++) {
                    for (int x = b[4]; x < b[4] + b[5]; x++, k++) {
                        a[k] = s.source()[(t * H + y) * W + x];
                        c[k] = s.restored()[(t * H + y) * W + x];
                    }
                }
            }
            acc.add(b[0], b[1], b[2], b[3], b[4], b[5], a, c);
        }
        return acc.finish(null, null, null);
    }

    @Test
    void figuresDoNotDependOnTheTiling() {
        Stack s = stack();
        QualityReport whole = run(s, T, H, W, false);
        QualityReport tiles = run(s, 10, 10, 20, true);
        for (int t = 0; t < T; t++) {
            FrameErrors.Stats a = whole.errors().frame(t);
            FrameErrors.Stats b = tiles.errors().frame(t);
            assertEquals(a.maxAbsError(), b.maxAbsError());
            assertEquals(a.rmse(), b.rmse(), 1e-9 * a.rmse());
            assertEquals(a.ssim(), b.ssim(), 1e-4, "SSIM differs only near the cuts");
        }
        assertEquals(whole.histogram().totalVariation(), tiles.histogram().totalVariation(), 1e-12);
        assertEquals(whole.spectrum().flatness(), tiles.spectrum().flatness(), 1e-9);
        for (int r = 0; r < whole.reconstructions().size(); r++) {
            assertEquals(
                    whole.reconstructions().get(r).relative(),
                    tiles.reconstructions().get(r).relative(),
                    1e-9);
        }
    }

    @Test
    void uniformErrorsWithinTheBoundReadAsSuch() {
        QualityReport q = run(stack(), 16, 12, 16, true);
        FrameErrors.Stats all = q.overall();
        assertEquals(DELTA, all.maxAbsError());
        assertEquals(Math.sqrt(DELTA * (DELTA + 1) / 3.0), all.rmse(), 0.05, "uniform on −δ..δ");
        assertEquals(0, q.histogram().beyondBound());
        assertTrue(q.histogram().totalVariation() < 0.03, "tv " + q.histogram().totalVariation());
        assertEquals("white", q.spectrum().verdict(), "flatness " + q.spectrum().flatness());
        assertEquals("flat/dark-corrected", q.correction(), "the stack's own flat and dark frames are used");
        assertEquals(3, q.reconstructions().size());
        assertEquals(56, q.reconstructions().get(0).angles(), "projections only");
        assertTrue(q.worstReconstruction() < 0.1, "±3 counts at ~20,000 (σ ≈ 140): " + q.worstReconstruction());
        assertTrue(all.ssim() > 0.99 && all.ssim() < 1, "ssim " + all.ssim());
    }
}
