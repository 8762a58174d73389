package org.photonzip.codec.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bounded CI share of the fuzzing: seeded mutations of every golden stream and of the model file, held to
 * the same oracle as the coverage-guided targets in {@link TileStreamFuzzTest}.
 */
class GoldenMutationTest {
    private static final int[] FIELD_VALUES = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1, 2, 1 << 16};

    @Test
    void damagedGoldenStreamsReturnTheOriginalOrAreRefused() {
        SplittableRandom r = new SplittableRandom(20261201);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int g = 0; g < Goldens.ENTRIES.size(); g++) {
                byte[] golden = Goldens.ENTRIES.get(g).bytes();
                for (int trial = 0; trial < 120; trial++) {
                    byte[] s = golden;
                    boolean crcIntact = true;
                    for (int k = 1 + r.nextInt(3); k > 0; k--) {
                        Damage.Edit e = Damage.edit(r.nextInt(Damage.KINDS), r.nextInt(Integer.MAX_VALUE), r.nextInt());
                        crcIntact &= !e.touchesSampleCrc(s.length);
                        s = e.apply(s);
                    }
                    DecodeOracle.damagedGolden(g, s, crcIntact);
                    DecodeOracle.damagedGolden(g, Reseal.tileStream(s), crcIntact);
                }
            }
        });
    }

    @Test
    void everyHeaderFieldAtItsExtremesIsRefusedOrHarmless() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int g = 0; g < Goldens.ENTRIES.size(); g++) {
                byte[] golden = Goldens.ENTRIES.get(g).bytes();
                int header = golden[4] == 1 ? 32 : 60;
                for (int at = 4; at + 4 <= header + 8; at += 4) {
                    for (int v : FIELD_VALUES) {
                        byte[] s = golden.clone();
                        Reseal.putInt(s, at, v);
                        DecodeOracle.damagedGolden(g, Reseal.tileStream(s), at != 20);
                        DecodeOracle.anyStream(Reseal.tileStream(s));
                    }
                }
            }
        });
    }

    @Test
    void arbitraryBytesAsStreamsAndModelFiles() {
        SplittableRandom r = new SplittableRandom(7);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int g = 0; g < Goldens.ENTRIES.size(); g++) {
                byte[] golden = Goldens.ENTRIES.get(g).bytes();
                for (int trial = 0; trial < 40; trial++) {
                    byte[] s = golden.clone();
                    s[r.nextInt(s.length)] ^= (byte) (1 << r.nextInt(8));
                    DecodeOracle.anyStream(Reseal.tileStream(s));
                }
            }
            byte[] model = Goldens.MODEL.toBytes();
            for (int trial = 0; trial < 600; trial++) {
                byte[] m = Damage.edit(r.nextInt(Damage.KINDS), r.nextInt(Integer.MAX_VALUE), r.nextInt())
                        .apply(model);
                DecodeOracle.modelFile(m);
                DecodeOracle.modelFile(Reseal.modelFile(m));
            }
        });
    }
}
