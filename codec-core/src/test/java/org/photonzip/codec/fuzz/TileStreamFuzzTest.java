package org.photonzip.codec.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of tile streams and model files (Jazzer). A plain test run replays the inputs under
 * {@code src/test/resources/org/photonzip/codec/fuzz/TileStreamFuzzTestInputs/<method>/} (seeds and every
 * past finding); {@code JAZZER_FUZZ=1} fuzzes one method, see docs/fuzzing.md. The timeout is per input.
 */
class TileStreamFuzzTest {
    /** Any bytes as a stream, as they are and with the body length and stream CRC made to fit. */
    @FuzzTest(maxDuration = "10s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void anyStream(byte[] data) {
        DecodeOracle.anyStream(data);
        DecodeOracle.anyStream(Reseal.tileStream(data));
    }

    /** A golden stream damaged by the fuzzer's edits, decoded against the identity it was written for. */
    @FuzzTest(maxDuration = "10s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void damagedGolden(FuzzedDataProvider in) {
        int g = in.consumeInt(0, Goldens.ENTRIES.size() - 1);
        byte[] s = Goldens.ENTRIES.get(g).bytes();
        boolean reseal = in.consumeBoolean();
        int edits = in.consumeInt(1, 8);
        boolean crcIntact = true;
        for (int k = 0; k < edits && in.remainingBytes() > 0; k++) {
            Damage.Edit e = Damage.edit(
                    in.consumeInt(0, Damage.KINDS - 1), in.consumeInt(0, Integer.MAX_VALUE), in.consumeInt());
            crcIntact &= !e.touchesSampleCrc(s.length);
            s = e.apply(s);
        }
        DecodeOracle.damagedGolden(g, reseal ? Reseal.tileStream(s) : s, crcIntact);
    }

    /** Any bytes as a model file, as they are and with the SHA-256 made to fit. */
    @FuzzTest(maxDuration = "10s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void modelFile(byte[] data) {
        DecodeOracle.modelFile(data);
        DecodeOracle.modelFile(Reseal.modelFile(data));
    }
}
