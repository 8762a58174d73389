package org.photonzip.codec.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.photonzip.codec.EncoderOptions;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileCodec;
import org.photonzip.codec.TileIdentity;
import org.photonzip.codec.learned.JavaInference;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.codec.model.ModelResolver;
import org.photonzip.specdecoder.SpecDecoder;
import org.photonzip.specdecoder.SpecException;

/**
 * Every build decodes every golden stream, with codec-core and with the independent decoder written from
 * docs/tile-format.md and docs/learned-model.md; both must give the samples whose SHA-256 the index holds.
 */
class GoldenStreamsTest {
    @TestFactory
    Stream<DynamicTest> codecCoreDecodesEveryGoldenStream() throws IOException {
        return GoldenIndex.all().stream()
                .map(e -> DynamicTest.dynamicTest(e.name(), () -> {
                    byte[] s = e.bytes();
                    ModelResolver models =
                            e.model() == null ? null : ModelResolver.of(ModelFile.parse(Files.readAllBytes(e.model())));
                    Tile t = TileCodec.decode(s, 0, s.length, models, e.identity());
                    assertEquals(e.sha256(), GoldenGenerator.sha256(t));
                }));
    }

    private static byte[] modelFile(String sha256) {
        try {
            byte[] file = Files.readAllBytes(GoldenIndex.root().resolve(GoldenGenerator.MODEL_FILE));
            return ModelFile.parse(file).hashHex().equals(sha256) ? file : null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> theSpecDecoderDecodesEveryGoldenStream() throws IOException {
        return GoldenIndex.all().stream()
                .map(e -> DynamicTest.dynamicTest(e.name(), () -> {
                    SpecDecoder.Decoded d = SpecDecoder.decode(e.bytes(), GoldenStreamsTest::modelFile);
                    Tile t = Tile.allocate((int) d.frames(), (int) d.height(), (int) d.width());
                    for (int i = 0; i < t.size(); i++) {
                        t.samples()[i] = (short) d.samples()[i];
                    }
                    assertEquals(e.sha256(), GoldenGenerator.sha256(t));
                    assertEquals(e.version(), d.version());
                    if (e.version() == 2) {
                        TileIdentity id = e.identity();
                        assertArrayEquals(
                                new long[] {
                                    id.t0(),
                                    id.y0(),
                                    id.x0(),
                                    id.datasetTag() & 0xFFFFFFFFL,
                                    id.stackFrames(),
                                    id.stackHeight(),
                                    id.stackWidth()
                                },
                                d.identity());
                    }
                }));
    }

    @Test
    void theSpecDecoderRefusesWhatItDoesNotImplementOrWhatIsDamaged() throws IOException {
        for (GoldenIndex.Entry e : GoldenIndex.all()) {
            byte[] s = e.bytes();
            if (e.model() != null) {
                assertTrue(assertThrows(SpecException.class, () -> SpecDecoder.decode(s))
                        .getMessage()
                        .contains("model id 2 needs model "
                                + ModelFile.parse(Files.readAllBytes(e.model())).hashHex()));
            }
            byte[] damaged = s.clone();
            damaged[damaged.length / 2] ^= 0x10;
            assertThrows(SpecException.class, () -> SpecDecoder.decode(damaged), e.name());
        }
    }

    @Test
    void theGoldenCasesStillBuildTheIndexedSamplesAndThisBuildWritesTheSameVersion2Bytes() throws IOException {
        ModelFile model = GoldenGenerator.model();
        assertArrayEquals(Files.readAllBytes(GoldenIndex.root().resolve(GoldenGenerator.MODEL_FILE)), model.toBytes());
        List<GoldenIndex.Entry> v2 = new ArrayList<>();
        for (GoldenIndex.Entry e : GoldenIndex.all()) {
            if (e.version() == 2) {
                v2.add(e);
            }
        }
        List<GoldenGenerator.Case> cases = GoldenGenerator.cases(false);
        assertEquals(cases.size(), v2.size());
        for (int i = 0; i < cases.size(); i++) {
            GoldenGenerator.Case c = cases.get(i);
            assertEquals(v2.get(i).sha256(), GoldenGenerator.sha256(c.tile()), c.name());
            EncoderOptions options = c.learned()
                    ? EncoderOptions.learned(model, JavaInference.INSTANCE, false)
                    : EncoderOptions.CLASSICAL;
            // The lossless encoder is deterministic across builds: a change here is a format or encoder change,
            // to be made deliberately (rerun GoldenGenerator, see docs/fuzzing.md) and never by accident.
            assertArrayEquals(
                    v2.get(i).bytes(),
                    TileCodec.encode(c.tile(), options, v2.get(i).identity()),
                    c.name());
        }
    }
}
