package org.photonzip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class TileIdentityTest {
    @Test
    void aTileMustLieWithinItsStack() {
        new TileIdentity("/d", 8, 0, 16, 8, 32, 16, 16, 32, 32);
        int[][] bad = {
            {-1, 0, 0, 1, 1, 1, 4, 4, 4},
            {0, -1, 0, 1, 1, 1, 4, 4, 4},
            {0, 0, -1, 1, 1, 1, 4, 4, 4},
            {3, 0, 0, 2, 1, 1, 4, 4, 4},
            {0, 4, 0, 1, 1, 1, 4, 4, 4},
            {0, 0, 2, 1, 1, 3, 4, 4, 4},
            {0, 0, 0, 0, 1, 1, 4, 4, 4},
            {0, 0, 0, 1, -1, 1, 4, 4, 4},
            {0, 0, 0, 1, 1, 1, 0, 4, 4},
            {Integer.MAX_VALUE, 0, 0, 1, 1, 1, Integer.MAX_VALUE, 1, 1},
            {0, 0, 0, 65536, 65536, 1, 65536, 65536, 1},
        };
        for (int[] b : bad) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new TileIdentity("/d", b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8]));
            assertEquals(true, e.getMessage().startsWith("Invalid tile"), e.getMessage());
        }
    }

    @Test
    void theLastPossibleTileOfAHugeStackIsValid() {
        int max = Integer.MAX_VALUE;
        TileIdentity id = new TileIdentity("/d", max - 1, max - 1, max - 1, 1, 1, 1, max, max, max);
        assertEquals(1, id.samples());
    }

    @Test
    void theDatasetTagIsTheCrc32cOfTheUtf8Path() {
        String path = "/entry/data/μm";
        CRC32C crc = new CRC32C();
        crc.update(path.getBytes(StandardCharsets.UTF_8));
        assertEquals((int) crc.getValue(), TileIdentity.tagOf(path));
        assertEquals(0, TileIdentity.tagOf(""));
        assertNotEquals(TileIdentity.tagOf("/entry/data/data"), TileIdentity.tagOf("/entry/data/dark"));
    }

    @Test
    void aStandaloneTileIsItsOwnStack() {
        assertEquals(new TileIdentity("", 0, 0, 0, 3, 4, 5, 3, 4, 5), TileIdentity.standalone(3, 4, 5));
    }
}
