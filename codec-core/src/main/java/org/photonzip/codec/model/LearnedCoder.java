package org.photonzip.codec.model;

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
 * the encoder gathers a whole tile-frame and evaluates it in one batch (what a GPU needs); the decoder, which
 * learns each value only after decoding it, evaluates sample by sample with the reference evaluator.
 */
final class LearnedCoder extends ClassicalCoder {
    private final ModelFile model;
    private final IntegerMlp net;
    private final InferenceBackend backend;
    private final int[] inputs;
    private final int[] outputs;
    private final int[] classicalPred;
    private final int[] energies;
    private final int[] scratch = new int[IntegerMlp.scratchSize()];

    LearnedCoder(ClassicalModel classical, ModelFile model, InferenceBackend backend, short[] data, int height,
                 int width, int maxIndex, ResidualEncoder enc, ResidualDecoder dec) {
        super(classical, data, height, width, maxIndex, enc, dec);
        this.model = model;
        this.net = model.network();
        this.backend = backend;
        int batch = enc != null ? plane : 1;
        this.inputs = new int[batch * IntegerMlp.INPUTS];
        this.outputs = new int[batch * IntegerMlp.OUTPUTS];
        this.classicalPred = new int[batch];
        this.energies = new int[batch];
    }

    @Override
    void interFrame(int t) {
        if (enc != null) {
            encodeFrame(t);
        } else {
            decodeFrame(t);
        }
    }

    private void encodeFrame(int t) {
        int frameStart = t * plane;
        for (int pos = 0; pos < plane; pos++) {
            int pc = classicalStep(frameStart + pos, t, pos, pos * IntegerMlp.INPUTS);
            classicalPred[pos] = pc;
            errCur[pos] = Math.abs((d[frameStart + pos] & 0xFFFF) - pc);
        }
        backend.evaluate(net, inputs, plane, outputs);
        for (int pos = 0; pos < plane; pos++) {
            int e = energies[pos];
            int pred = clamp(classicalPred[pos]
                    + LearnedInputs.locationOffset(outputs[2 * pos], e, model.locationShift()));
            int ctx = LearnedInputs.context(outputs[2 * pos + 1], e, model.scaleShift());
            int pc = classicalPred[pos];
            emitInContext(frameStart + pos, pos, pred, ctx);
            int classicalResidual = (d[frameStart + pos] & 0xFFFF) - pc;
            if (twin != null) {
                twin.put(ResidualAlphabet.context(e), classicalResidual);
            }
            errCur[pos] = Math.abs(classicalResidual);
        }
    }

    private void decodeFrame(int t) {
        int frameStart = t * plane;
        for (int pos = 0; pos < plane; pos++) {
            int i = frameStart + pos;
            int pc = classicalStep(i, t, pos, 0);
            net.evaluate(inputs, 0, outputs, 0, scratch);
            int e = energies[0];
            int pred = clamp(pc + LearnedInputs.locationOffset(outputs[0], e, model.locationShift()));
            int ctx = LearnedInputs.context(outputs[1], e, model.scaleShift());
            emitInContext(i, pos, pred, ctx);
            errCur[pos] = Math.abs((d[i] & 0xFFFF) - pc);
        }
    }

    /**
     * The classical prediction of sample {@code i}; also stores its error energy and fills the network inputs
     * at {@code inputOffset} (the energy in {@code energies[inputOffset / 16]}).
     */
    private int classicalStep(int i, int t, int pos, int inputOffset) {
        int y = pos / w;
        int x = pos - y * w;
        int base = nb.inter(i, t, y, x, f);
        long acc = 0;
        for (int k = 0; k < ClassicalModel.INTER_FEATURES; k++) {
            acc += (long) wi[k] * f[k];
        }
        int pc = clamp(base + (int) ((acc + (1 << (ClassicalModel.WEIGHT_BITS - 1))) >> ClassicalModel.WEIGHT_BITS));
        int energy = borderEnergy(y, x, true);
        energies[inputOffset / IntegerMlp.INPUTS] = energy;
        LearnedInputs.fill(f, base, pc, energy, inputs, inputOffset);
        return pc;
    }
}
