package org.photonzip.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.photonzip.codec.format.TileFormat;
import org.photonzip.codec.learned.JavaInference;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.codec.learned.RandomModels;

/**
 * The default (lossless) streams must stay byte for byte what they were before error-bounded coding existed.
 * The hashes were recorded from the code of commit 54ac8c2. They cover the stream body (everything after the
 * header), so that a header-only format change (version 2) does not invalidate them; the header's sample CRC
 * is covered by decoding every stream back and comparing every sample.
 */
class LosslessStreamsUnchangedTest {
    private static final ModelFile MODEL = RandomModels.random(7, 16, 8);
    private static final ModelFile TAME = RandomModels.withShifts(9, 22, 22, 16, 8);

    private static final Map<String, String> RECORDED = Map.ofEntries(
            Map.entry("projections", "a7fe735e52e4f7543bf01d7517b405379ca0a094e89170705e41463f2b59a0b0"),
            Map.entry("projections-small", "e3de3c3888c53a2ec32969f438c51de1d90c0d65dac51bfb0562a227d6ba3f01"),
            Map.entry("single-frame", "4a39f71e2726e7ebf8fa3ffb9901f340a470b9a11095ab4fc9b5d9f8ef4529b6"),
            Map.entry("constant", "223a3a9776e6d65ed0a4e0ee5f62a5fab0850f99168fe03aca92eedd3fc2541f"),
            Map.entry("uniform-noise", "04667b85e5cee5de7f22d9831b4ee6d7786bd6cf3c035650196705a462f799a0"),
            Map.entry("all-outliers", "d710330de5c05e780f86996d5414ddf4573b368a609d48f7cec8dabe32b0c057"),
            Map.entry("rescaled", "a3a9bebd0317f55811aba2c5e4b125edc677935eb3a783950045be60d3c4eb97"),
            Map.entry("multiplied", "b7506e5c8121c6797f421eb0565281410bd447f62e4cbd226aa158dcb238687f"),
            Map.entry("few-levels", "5e04cc996de29956ee3b7bd6555440d85bcd461312071a43ef97928d9d2875cb"),
            Map.entry("learned-random", "ecedc028664715db6e570b9df40da2fd1812e774095004a87b9f89a38a031732"),
            Map.entry("auto-random", "a7fe735e52e4f7543bf01d7517b405379ca0a094e89170705e41463f2b59a0b0"),
            Map.entry("learned-tame", "c9b2cda5f4c1f62ff9d1791bc7e8ae0b7d0f6b2f7ff0e400078c5b9b1dbaa23a"),
            Map.entry("auto-tame", "a7fe735e52e4f7543bf01d7517b405379ca0a094e89170705e41463f2b59a0b0"));

    static Map<String, byte[]> streams() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        Tile proj = SyntheticTiles.projections(12, 40, 44, 3);
        s.put("projections", TileCodec.encode(proj));
        s.put("projections-small", TileCodec.encode(SyntheticTiles.projections(3, 5, 7, 11)));
        s.put("single-frame", TileCodec.encode(SyntheticTiles.projections(1, 30, 30, 4)));
        s.put("constant", TileCodec.encode(SyntheticTiles.constant(4, 8, 8, 1234)));
        s.put("uniform-noise", TileCodec.encode(SyntheticTiles.uniformNoise(3, 16, 16, 5)));
        s.put("all-outliers", TileCodec.encode(SyntheticTiles.allOutliers(4, 16, 16, 6)));
        s.put("rescaled", TileCodec.encode(SyntheticTiles.rescaled(proj, 0.3)));
        s.put("multiplied", TileCodec.encode(SyntheticTiles.multiplied(SyntheticTiles.projections(6, 20, 20, 8), 7)));
        s.put("few-levels", TileCodec.encode(SyntheticTiles.fewLevels(5, 24, 24, 9)));
        for (ModelFile m : new ModelFile[] {MODEL, TAME}) {
            String name = m == MODEL ? "random" : "tame";
            s.put("learned-" + name, TileCodec.encode(proj, EncoderOptions.learned(m, JavaInference.INSTANCE, false)));
            s.put("auto-" + name, TileCodec.encode(proj, EncoderOptions.learned(m, JavaInference.INSTANCE, true)));
        }
        return s;
    }

    @Test
    void losslessBodiesAreByteIdenticalToTheRecordedOnes() {
        Map<String, String> actual = new LinkedHashMap<>();
        streams().forEach((name, stream) -> actual.put(name, bodySha256(stream)));
        StringBuilder listing = new StringBuilder();
        actual.forEach((k, v) -> listing.append("Map.entry(\"")
                .append(k)
                .append("\", \"")
                .append(v)
                .append("\"),\n"));
        assertEquals(RECORDED, actual, "recorded body hashes changed:\n" + listing);
    }

    @Test
    void everyRecordedStreamStillDecodesExactly() {
        Tile proj = SyntheticTiles.projections(12, 40, 44, 3);
        for (String name : new String[] {"learned-random", "auto-tame", "projections"}) {
            byte[] stream = streams().get(name);
            assertArrayEquals(
                    proj.samples(),
                    TileCodec.decode(
                                    stream,
                                    0,
                                    stream.length,
                                    (h -> java.util.Arrays.equals(h, MODEL.hash()) ? MODEL : TAME))
                            .samples(),
                    name);
        }
    }

    static String bodySha256(byte[] stream) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(stream, TileFormat.HEADER_BYTES, stream.length - TileFormat.HEADER_BYTES);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
