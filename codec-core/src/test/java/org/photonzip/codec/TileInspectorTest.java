package org.photonzip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.photonzip.codec.entropy.ResidualAlphabet;

class TileInspectorTest {

    @Test
    void predictionPlusResidualIsTheValueAndScaleTracksTheNoise() {
        Tile tile = SyntheticTiles.projections(6, 32, 32, 4);
        TileInspector.Inspection in = TileInspector.inspect(tile, EncoderOptions.CLASSICAL);
        assertEquals(1, in.modelId());
        double sumAbs = 0;
        double sumScale = 0;
        int n = 0;
        for (int i = 0; i < tile.size(); i++) {
            assertEquals(tile.samples()[i] & 0xFFFF, in.prediction()[i] + in.residual()[i]);
            if (i >= tile.pixelsPerFrame()) {
                sumAbs += Math.abs(in.residual()[i]);
                sumScale += in.scale()[i];
                n++;
            }
        }
        double ratio = sumScale / sumAbs;
        assertTrue(ratio > 0.5 && ratio < 2, "predicted scale should track |residual|: ratio " + ratio);
    }

    @Test
    void frameBitsAddUpToAboutTheStreamSize() {
        Tile tile = SyntheticTiles.projections(5, 40, 40, 8);
        EncodedTile e = TileCodec.encodeDetailed(tile, EncoderOptions.CLASSICAL);
        double bits = 0;
        for (double b : e.frameBits()) {
            bits += b;
        }
        double streamBits = 8.0 * e.stream().length;
        // The rest is header, weights and frequency tables, a larger share in a tile this small.
        assertTrue(bits <= streamBits && bits > 0.8 * streamBits, bits + " of " + streamBits);
        assertTrue(e.frameBits()[0] > e.frameBits()[3], "the intra frame costs more");
    }

    @Test
    void typicalEnergyInvertsTheContext() {
        for (int c = 0; c < ResidualAlphabet.CONTEXTS - 1; c++) {
            assertEquals(c, ResidualAlphabet.context((int) Math.floor(ResidualAlphabet.typicalEnergy(c))));
        }
    }
}
