package org.photonzip.codec.model;

import org.photonzip.codec.bound.Quantiser;
import org.photonzip.codec.entropy.ResidualAlphabet;
import org.photonzip.codec.entropy.ResidualDecoder;
import org.photonzip.codec.entropy.ResidualEncoder;
import org.photonzip.codec.format.Verify;

/**
 * The coding loop of {@link ClassicalModel}, shared by encoder and decoder. One instance per tile.
 * {@link LearnedCoder} reuses its first-frame path and its error planes.
 */
class ClassicalCoder {
    private static final int ROUND = 1 << (ClassicalModel.WEIGHT_BITS - 1);

    final short[] d;
    final int h;
    final int w;
    final int plane;
    final int maxIndex;
    final ResidualEncoder enc;
    final ResidualDecoder dec;
    final NeighbourhoodReader nb;
    final int[] wi;
    private final int[] wa;
    final int[] f = new int[ClassicalModel.INTER_FEATURES];
    /** Base value of the features last gathered by {@link #interPrediction}. */
    int base;
    /**
     * When encoding, an optional second encoder that receives what the classical model codes wherever this
     * coder codes the classical way (all of it here; the first frame in {@link LearnedCoder}), so that one pass
     * can produce both streams for the per-tile choice.
     */
    ResidualEncoder twin;
    /** |residual| of the frame being coded and of the previous one, per pixel position. */
    int[] errCur;

    int[] errPrev;
    /**
     * Bounded coding: each index's bound and context shift by prediction (null when lossless); the coded symbol
     * is the quantised residual and {@link #d} is overwritten with the reconstruction, so every later
     * prediction and context sees what the decoder will see. {@code boundsOut} (optional) receives each
     * sample's bound.
     */
    private final int[] steps;
    /** The packed step of every sample when the bound is uniform, else -1 (then {@link #steps} by prediction). */
    private final int uniformStep;

    private final int[] boundsOut;

    ClassicalCoder(
            ClassicalModel model,
            short[] data,
            int height,
            int width,
            int maxIndex,
            ResidualEncoder enc,
            ResidualDecoder dec) {
        this(model, data, height, width, maxIndex, null, null, enc, dec);
    }

    ClassicalCoder(
            ClassicalModel model,
            short[] data,
            int height,
            int width,
            int maxIndex,
            Quantiser quantiser,
            int[] boundsOut,
            ResidualEncoder enc,
            ResidualDecoder dec) {
        this.d = data;
        this.h = height;
        this.w = width;
        this.plane = height * width;
        this.maxIndex = maxIndex;
        this.enc = enc;
        this.dec = dec;
        this.nb = new NeighbourhoodReader(data, height, width, maxIndex);
        this.wi = model.interWeights();
        this.wa = model.intraWeights();
        this.errCur = new int[plane];
        this.errPrev = new int[plane];
        this.steps = quantiser == null ? null : quantiser.packed();
        this.uniformStep = quantiser != null && quantiser.uniform() ? steps[0] : -1;
        this.boundsOut = boundsOut;
    }

    boolean bounded() {
        return steps != null;
    }

    void run(int frames) {
        for (int t = 0; t < frames; t++) {
            if (t == 0) {
                intraFrame();
            } else {
                interFrame(t);
            }
            int[] swap = errPrev;
            errPrev = errCur;
            errCur = swap;
        }
    }

    private void intraFrame() {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int base = nb.intra(i, y, x, f);
                long acc = 0;
                for (int k = 0; k < ClassicalModel.INTRA_FEATURES; k++) {
                    acc += (long) wa[k] * f[k];
                }
                emit(
                        i,
                        i,
                        clamp(base + (int) ((acc + ROUND) >> ClassicalModel.WEIGHT_BITS)),
                        borderEnergy(y, x, false));
            }
        }
    }

    void interFrame(int t) {
        int o2 = Math.min(2, t) * plane;
        int o3 = Math.min(3, t) * plane;
        int o4 = Math.min(4, t) * plane;
        int frameStart = t * plane;
        for (int y = 0; y < h; y++) {
            int rowStart = frameStart + y * w;
            if (y == 0 || y == h - 1 || w < 3) {
                for (int x = 0; x < w; x++) {
                    interBorder(rowStart + x, t, y, x);
                }
                continue;
            }
            interBorder(rowStart, t, y, 0);
            interRow(rowStart, y, o2, o3, o4);
            interBorder(rowStart + w - 1, t, y, w - 1);
        }
    }

    private void interBorder(int i, int t, int y, int x) {
        emit(i, i - t * plane, interPrediction(i, t, y, x), borderEnergy(y, x, true));
    }

    /**
     * The classical prediction of inter sample {@code i} by the border-safe path; leaves its feature
     * differences in {@link #f} and their base in {@link #base}.
     */
    final int interPrediction(int i, int t, int y, int x) {
        base = nb.inter(i, t, y, x, f);
        long acc = 0;
        for (int k = 0; k < ClassicalModel.INTER_FEATURES; k++) {
            acc += (long) wi[k] * f[k];
        }
        return clamp(base + (int) ((acc + ROUND) >> ClassicalModel.WEIGHT_BITS));
    }

    /** Columns 1..w-2 of an interior row: every neighbour exists, so no border tests. */
    private void interRow(int rowStart, int y, int o2, int o3, int o4) {
        final short[] d = this.d;
        final int w = this.w;
        final int[] wt = this.wi;
        final int w0 = wt[0], w1 = wt[1], w2 = wt[2], w3 = wt[3], w4 = wt[4], w5 = wt[5], w6 = wt[6];
        final int w7 = wt[7], w8 = wt[8], w9 = wt[9], w10 = wt[10], w11 = wt[11], w12 = wt[12];
        final int[] ec = errCur;
        final int[] ep = errPrev;
        final int plane = this.plane;
        int pos = y * w + 1;
        for (int i = rowStart + 1, end = rowStart + w - 1; i < end; i++, pos++) {
            int p = i - plane;
            int p1 = d[p] & 0xFFFF;
            long acc = (long) w0 * ((d[i - o2] & 0xFFFF) - p1)
                    + (long) w1 * ((d[i - o3] & 0xFFFF) - p1)
                    + (long) w2 * ((d[i - o4] & 0xFFFF) - p1)
                    + (long) w3 * ((d[i - 1] & 0xFFFF) - p1)
                    + (long) w4 * ((d[i - w] & 0xFFFF) - p1)
                    + (long) w5 * ((d[i - w - 1] & 0xFFFF) - p1)
                    + (long) w6 * ((d[i - w + 1] & 0xFFFF) - p1)
                    + (long) w7 * ((d[p - 1] & 0xFFFF) - p1)
                    + (long) w8 * ((d[p - w] & 0xFFFF) - p1)
                    + (long) w9 * ((d[p + 1] & 0xFFFF) - p1)
                    + (long) w10 * ((d[p + w] & 0xFFFF) - p1)
                    + (long) w11 * ((d[p - w - 1] & 0xFFFF) - p1)
                    + (long) w12 * ((d[p - w + 1] & 0xFFFF) - p1);
            int energy = 2 * ec[pos - 1]
                    + 2 * ec[pos - w]
                    + ec[pos - w - 1]
                    + ec[pos - w + 1]
                    + 2 * ep[pos]
                    + ep[pos - 1]
                    + ep[pos + 1]
                    + ep[pos - w]
                    + ep[pos + w];
            emit(i, pos, clamp(p1 + (int) ((acc + ROUND) >> ClassicalModel.WEIGHT_BITS)), energy);
        }
    }

    /**
     * Error energy from the neighbours that exist, rescaled to the full neighbourhood's total weight of 12
     * (which the interior path sums directly).
     */
    int borderEnergy(int y, int x, boolean hasPrevious) {
        int pos = y * w + x;
        int[] ec = errCur;
        int[] ep = errPrev;
        boolean west = x > 0;
        boolean north = y > 0;
        boolean east = x < w - 1;
        boolean south = y < h - 1;
        int sum = 0;
        int weight = 0;
        if (west) {
            sum += 2 * ec[pos - 1];
            weight += 2;
        }
        if (north) {
            sum += 2 * ec[pos - w];
            weight += 2;
            if (west) {
                sum += ec[pos - w - 1];
                weight++;
            }
            if (east) {
                sum += ec[pos - w + 1];
                weight++;
            }
        }
        if (hasPrevious) {
            sum += 2 * ep[pos];
            weight += 2;
            if (west) {
                sum += ep[pos - 1];
                weight++;
            }
            if (east) {
                sum += ep[pos + 1];
                weight++;
            }
            if (north) {
                sum += ep[pos - w];
                weight++;
            }
            if (south) {
                sum += ep[pos + w];
                weight++;
            }
        }
        // Interior samples have all 12 units of weight: skip the (slow) division.
        return weight == 12 ? sum : weight == 0 ? 0 : sum * 12 / weight;
    }

    int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, maxIndex);
    }

    private void emit(int i, int pos, int pred, int energy) {
        int ctx = ResidualAlphabet.context(energy);
        emitInContext(i, pos, pred, ctx);
        if (twin != null) {
            twin.put(ctx, (d[i] & 0xFFFF) - pred);
        }
    }

    /** Codes sample {@code i} against {@code pred} in context {@code ctx}; records |residual| at {@code pos}. */
    final void emitInContext(int i, int pos, int pred, int ctx) {
        if (steps != null) {
            emitBounded(i, pos, pred, ctx);
            return;
        }
        int e;
        if (enc != null) {
            e = (d[i] & 0xFFFF) - pred;
            enc.put(ctx, e);
        } else {
            e = dec.take(ctx);
            int v = pred + e;
            if (v < 0 || v > maxIndex) {
                throw Verify.fail(dec.offset(), "decoded value " + v + " outside 0.." + maxIndex + " at sample " + i);
            }
            d[i] = (short) v;
        }
        errCur[pos] = Math.abs(e);
    }

    /**
     * Codes sample {@code i} within its bound (see {@link Quantiser}): the symbol is the quantised residual and
     * the sample becomes its reconstruction; |reconstruction − prediction| feeds the error energy, in counts.
     */
    private void emitBounded(int i, int pos, int pred, int ctx) {
        int step = uniformStep >= 0 ? uniformStep : steps[pred];
        int delta = step >>> Quantiser.SHIFT_BITS;
        int c = Math.max(0, ctx - (step & ((1 << Quantiser.SHIFT_BITS) - 1)));
        int x;
        if (enc != null) {
            int q = Quantiser.quantise((d[i] & 0xFFFF) - pred, delta);
            enc.put(c, q);
            x = Quantiser.reconstruct(pred, q, delta, maxIndex);
        } else {
            x = Quantiser.reconstruct(pred, dec.take(c), delta, maxIndex);
        }
        d[i] = (short) x;
        errCur[pos] = Math.abs(x - pred);
        if (boundsOut != null) {
            boundsOut[i] = delta;
        }
    }
}
