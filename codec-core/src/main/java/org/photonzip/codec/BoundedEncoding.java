package org.photonzip.codec;

import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.Quantiser;
import org.photonzip.codec.entropy.ResidualEncoder;
import org.photonzip.codec.format.TileFormat;
import org.photonzip.codec.map.ValueMap;
import org.photonzip.codec.model.ClassicalModel;
import org.photonzip.codec.model.LearnedModel;
import org.photonzip.codec.model.TileModel;

/**
 * Encodes a tile within an error bound (docs/tile-format.md §6). The model codes a working copy of the indices
 * and overwrites each sample with its reconstruction, so {@code AUTO} codes each model on its own copy: the two
 * reconstructions differ, and one pass cannot serve both as it does when lossless.
 */
final class BoundedEncoding {
    private BoundedEncoding() {}

    static EncodedTile encode(Tile tile, EncoderOptions options, TileIdentity identity) {
        ErrorBound bound = options.errorBound();
        short[] samples = tile.samples();
        ValueMap map = ValueMap.offsetOf(samples);
        short[] indices = new short[samples.length];
        map.toIndices(samples, indices);
        Quantiser quantiser = Quantiser.forTile(bound, map.offset(), map.maxIndex());
        ClassicalModel classical =
                ClassicalModel.fit(indices, tile.frames(), tile.height(), tile.width(), map.maxIndex());
        Candidate best;
        if (options.choice() == EncoderOptions.Choice.CLASSICAL || tile.frames() == 1) {
            best = code(tile, map, indices, classical, quantiser, bound);
        } else {
            LearnedModel learned = new LearnedModel(classical, options.model(), options.backend());
            if (options.choice() == EncoderOptions.Choice.LEARNED) {
                best = code(tile, map, indices, learned, quantiser, bound);
            } else {
                Candidate viaLearned = code(tile, map, indices.clone(), learned, quantiser, bound);
                Candidate viaClassical = code(tile, map, indices, classical, quantiser, bound);
                best = viaLearned.body.bytes().length < viaClassical.body.bytes().length ? viaLearned : viaClassical;
            }
        }
        map.toValues(best.reconstruction);
        return TileEncoder.finish(tile, identity, best.body, best.reconstruction, TileFormat.FLAG_BOUNDED);
    }

    private record Candidate(TileEncoder.Body body, short[] reconstruction) {}

    /** Codes {@code indices} in place (they become the reconstruction) and assembles the body. */
    private static Candidate code(
            Tile tile, ValueMap map, short[] indices, TileModel model, Quantiser quantiser, ErrorBound bound) {
        ResidualEncoder residuals = new ResidualEncoder(indices.length);
        model.code(
                indices, tile.frames(), tile.height(), tile.width(), map.maxIndex(), quantiser, null, residuals, null);
        return new Candidate(TileEncoder.assemble(tile, map, model, bound, residuals), indices);
    }
}
