package org.photonzip.codec.model;

import static org.photonzip.codec.format.Verify.verify;

import java.util.Arrays;
import org.photonzip.codec.bound.Quantiser;
import org.photonzip.codec.entropy.BitReader;
import org.photonzip.codec.entropy.BitWriter;
import org.photonzip.codec.entropy.ResidualDecoder;
import org.photonzip.codec.entropy.ResidualEncoder;
import org.photonzip.codec.learned.InferenceBackend;
import org.photonzip.codec.learned.JavaInference;
import org.photonzip.codec.learned.ModelFile;

/**
 * The learned model: the classical model's prediction and error energy, refined per sample by the integer
 * network of a {@link ModelFile} (a location correction and a context shift). The stream stores the per-tile
 * classical weights and the model file's SHA-256; the file itself is stored once per archive.
 */
public final class LearnedModel implements TileModel {
    public static final int ID = 2;

    private final ClassicalModel classical;
    private final ModelFile model;
    private final InferenceBackend backend;

    public LearnedModel(ClassicalModel classical, ModelFile model, InferenceBackend backend) {
        this.classical = classical;
        this.model = model;
        this.backend = backend;
    }

    /** Reads a learned tile's parameters; {@code resolver} supplies the model file its hash names. */
    public static LearnedModel read(BitReader in, ModelResolver resolver) {
        long offset = in.offset();
        byte[] hash = new byte[ModelFile.HASH_BYTES];
        for (int i = 0; i < hash.length; i++) {
            hash[i] = (byte) in.read(8);
        }
        ModelFile model = resolver == null ? null : resolver.find(hash);
        if (model == null) {
            throw new MissingModelException(hash);
        }
        verify(
                Arrays.equals(model.hash(), hash),
                offset,
                "resolver returned model " + model.hashHex() + " for a different hash");
        return new LearnedModel(ClassicalModel.read(in), model, JavaInference.INSTANCE);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void writeParameters(BitWriter out) {
        for (byte b : model.hash()) {
            out.write(b & 0xFF, 8);
        }
        classical.writeParameters(out);
    }

    @Override
    public void code(
            short[] data,
            int frames,
            int height,
            int width,
            int maxIndex,
            Quantiser quantiser,
            int[] boundsOut,
            ResidualEncoder encoder,
            ResidualDecoder decoder) {
        new LearnedCoder(
                        classical, model, backend, data, height, width, maxIndex, quantiser, boundsOut, encoder,
                        decoder)
                .run(frames);
    }

    /**
     * Encodes with this model into {@code encoder} and, in the same pass, with the classical model it refines
     * into {@code classicalEncoder}: the learned coder computes every classical prediction and context anyway,
     * so the per-tile choice costs one pass, not two. {@code classicalEncoder} receives exactly what
     * {@link ClassicalModel#code} would give it.
     */
    public void encodeWithClassical(
            short[] data,
            int frames,
            int height,
            int width,
            int maxIndex,
            ResidualEncoder encoder,
            ResidualEncoder classicalEncoder) {
        LearnedCoder coder =
                new LearnedCoder(classical, model, backend, data, height, width, maxIndex, null, null, encoder, null);
        coder.twin = classicalEncoder;
        coder.run(frames);
    }
}
