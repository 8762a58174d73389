package org.photonzip.codec;

import org.photonzip.codec.entropy.ResidualAlphabet;
import org.photonzip.codec.entropy.ResidualEncoder;
import org.photonzip.codec.map.ValueMap;
import org.photonzip.codec.model.ClassicalModel;
import org.photonzip.codec.model.LearnedModel;
import org.photonzip.codec.model.TileModel;

/**
 * What the model saw when coding a tile: for every sample its prediction, residual and predicted scale. For
 * explaining a model to people (the {@code explain} command), not for coding.
 */
public final class TileInspector {
    private TileInspector() {}

    /**
     * Per sample ({@code t, y, x} order): the predicted value, the residual (value − prediction) and the
     * predicted scale (typical |residual|, in value units for dense value maps), plus the model the encoder chose.
     */
    public record Inspection(int modelId, int[] prediction, int[] residual, float[] scale) {}

    /** Inspects the lossless coding of {@code tile} (an error bound in {@code options} is ignored). */
    public static Inspection inspect(Tile tile, EncoderOptions options) {
        int chosen = TileEncoder.encode(
                        tile,
                        options.withErrorBound(org.photonzip.codec.bound.ErrorBound.none()),
                        TileIdentity.standalone(tile))
                .modelId();
        short[] samples = tile.samples();
        ValueMap map = ValueMap.analyse(samples);
        short[] indices = new short[samples.length];
        map.toIndices(samples, indices);
        ClassicalModel classical =
                ClassicalModel.fit(indices, tile.frames(), tile.height(), tile.width(), map.maxIndex());
        TileModel model =
                chosen == LearnedModel.ID ? new LearnedModel(classical, options.model(), options.backend()) : classical;
        ResidualEncoder recorder = ResidualEncoder.recording(samples.length);
        model.code(indices, tile.frames(), tile.height(), tile.width(), map.maxIndex(), recorder, null);
        int[] prediction = new int[samples.length];
        int[] residual = new int[samples.length];
        float[] scale = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            int predictedIndex = (indices[i] & 0xFFFF) - recorder.residual(i);
            prediction[i] = map.valueOf(predictedIndex);
            residual[i] = (samples[i] & 0xFFFF) - prediction[i];
            scale[i] = (float) (ResidualAlphabet.typicalEnergy(recorder.context(i)) / 12.0);
        }
        return new Inspection(chosen, prediction, residual, scale);
    }
}
