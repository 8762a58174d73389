package org.photonzip.codec.model;

import org.photonzip.codec.bound.Quantiser;
import org.photonzip.codec.entropy.ResidualAlphabet;
import org.photonzip.codec.entropy.ResidualDecoder;
import org.photonzip.codec.entropy.ResidualEncoder;
import org.photonzip.codec.learned.InferenceBackend;
import org.photonzip.codec.learned.IntegerMlp;
import org.photonzip.codec.learned.LearnedInputs;
import org.photonzip.codec.learned.ModelFile;

/**
 * The coding loop of {@link LearnedModel}. The first frame is coded as the classical model codes it. In later
 * frames the network's inputs depend only on values and on classical residuals, never on its own outputs, so
 * the encoder, which knows every value, gathers whole tile-frames (as many as make about {@value #BATCH_SAMPLES}
 * samples, so that small frames do not cost one backend call each) and evaluates them in one batch (what a GPU
 * needs); the decoder, which learns each value only after decoding it, evaluates sample by sample with the
 * reference evaluator, and so does the bounded encoder, whose values are reconstructions known one at a time.
 */
final class LearnedCoder extends ClassicalCoder {
    static final int BATCH_SAMPLES = 1 << 16;

    private final ModelFile model;
    private final IntegerMlp net;
    private final InferenceBackend backend;
    private int[] inputs;
    private int[] outputs;
    private int[] classicalPred;
    private int[] energies;
    private final int[] scratch = new int[IntegerMlp.scratchSize()];
    /** Encoder: the tile's frames, frames per batch, and the frames the batch arrays hold now. */
    private int frames;

    private int framesPerBatch;
    private int batchFirst = -1;
    private int batchFrames;
    /** Encoder: classical-residual planes for looking ahead over the frames of a batch. */
    private int[] spareA;

    private int[] spareB;

    LearnedCoder(
            ClassicalModel classical,
            ModelFile model,
            InferenceBackend backend,
            short[] data,
            int height,
            int width,
            int maxIndex,
            Quantiser quantiser,
            int[] boundsOut,
            ResidualEncoder enc,
            ResidualDecoder dec) {
        super(classical, data, height, width, maxIndex, quantiser, boundsOut, enc, dec);
        this.model = model;
        this.net = model.network();
        this.backend = backend;
        allocate(1);
    }

    @Override
    void run(int frameCount) {
        if (enc != null && frameCount > 1 && !bounded()) {
            frames = frameCount;
            framesPerBatch = Math.min(frameCount - 1, Math.max(1, BATCH_SAMPLES / plane));
            allocate(framesPerBatch * plane);
            spareA = new int[plane];
            spareB = new int[plane];
        }
        super.run(frameCount);
    }

    private void allocate(int batch) {
        inputs = new int[batch * IntegerMlp.INPUTS];
        outputs = new int[batch * IntegerMlp.OUTPUTS];
        classicalPred = new int[batch];
        energies = new int[batch];
    }

    @Override
    void interFrame(int t) {
        if (enc != null && !bounded()) {
            encodeFrame(t);
        } else {
            sequentialFrame(t);
        }
    }

    private void encodeFrame(int t) {
        if (batchFirst < 0 || t >= batchFirst + batchFrames) {
            prepareBatch(t);
        }
        int offset = (t - batchFirst) * plane;
        int frameStart = t * plane;
        for (int pos = 0; pos < plane; pos++) {
            int k = offset + pos;
            int e = energies[k];
            int pc = classicalPred[k];
            int pred = clamp(pc + LearnedInputs.locationOffset(outputs[2 * k], e, model.locationShift()));
            int ctx = LearnedInputs.context(outputs[2 * k + 1], e, model.scaleShift());
            emitInContext(frameStart + pos, pos, pred, ctx);
            int classicalResidual = (d[frameStart + pos] & 0xFFFF) - pc;
            if (twin != null) {
                twin.put(ResidualAlphabet.context(e), classicalResidual);
            }
            // What the next frame's energies read: classical residuals, as the decoder will have them.
            errCur[pos] = Math.abs(classicalResidual);
        }
    }

    /**
     * Classical predictions, energies and network inputs of frames {@code [t, t+n)}, then one backend call for
     * all of them. On entry {@code errPrev} holds frame {@code t−1}'s classical residuals; the look-ahead
     * writes later frames' into two spare planes and leaves the coder's own planes as it found them.
     */
    private void prepareBatch(int t) {
        int n = Math.min(framesPerBatch, frames - t);
        int[] cur = errCur;
        int[] prev = errPrev;
        errCur = spareA;
        for (int f = 0; f < n; f++) {
            int frameStart = (t + f) * plane;
            int offset = f * plane;
            for (int y = 0, pos = 0; y < h; y++) {
                for (int x = 0; x < w; x++, pos++) {
                    int pc = classicalStep(frameStart + pos, t + f, y, x, (offset + pos) * IntegerMlp.INPUTS);
                    classicalPred[offset + pos] = pc;
                    errCur[pos] = Math.abs((d[frameStart + pos] & 0xFFFF) - pc);
                }
            }
            // Recycle the plane two frames back, never the coder's own.
            int[] next = f == 0 ? spareB : errPrev;
            errPrev = errCur;
            errCur = next;
        }
        errCur = cur;
        errPrev = prev;
        backend.evaluate(net, inputs, n * plane, outputs);
        batchFirst = t;
        batchFrames = n;
    }

    /**
     * Decoding, and bounded encoding: the network's inputs depend on reconstructed values, which bounded
     * encoding only learns sample by sample, so neither can batch.
     */
    private void sequentialFrame(int t) {
        int frameStart = t * plane;
        for (int y = 0, pos = 0; y < h; y++) {
            for (int x = 0; x < w; x++, pos++) {
                int i = frameStart + pos;
                int pc = classicalStep(i, t, y, x, 0);
                net.evaluate(inputs, 0, outputs, 0, scratch);
                int e = energies[0];
                int pred = clamp(pc + LearnedInputs.locationOffset(outputs[0], e, model.locationShift()));
                int ctx = LearnedInputs.context(outputs[1], e, model.scaleShift());
                emitInContext(i, pos, pred, ctx);
                errCur[pos] = Math.abs((d[i] & 0xFFFF) - pc);
            }
        }
    }

    /**
     * The classical prediction of sample {@code i}; also stores its error energy and fills the network inputs
     * at {@code inputOffset} (the energy in {@code energies[inputOffset / 16]}).
     */
    private int classicalStep(int i, int t, int y, int x, int inputOffset) {
        int pc = interPrediction(i, t, y, x);
        int energy = borderEnergy(y, x, true);
        energies[inputOffset / IntegerMlp.INPUTS] = energy;
        LearnedInputs.fill(f, base, pc, energy, inputs, inputOffset);
        return pc;
    }
}
