package org.photonzip.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** The filters a restore applies itself give back the raw chunk when undone as HDF5 undoes them (written here anew). */
class ChunkFiltersTest {
    private static final ChunkFilters.Filter SHUFFLE = new ChunkFilters.Filter(2, 1, new int[] {2});
    private static final ChunkFilters.Filter GZIP4 = new ChunkFilters.Filter(1, 1, new int[] {4});

    private static byte[] chunk(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i += 2) {
            int v = 1000 + r.nextInt(300);
            b[i] = (byte) v;
            if (i + 1 < n) {
                b[i + 1] = (byte) (v >> 8);
            }
        }
        return b;
    }

    /** HDF5's unshuffle, from its definition: byte j of element i was stored at j * n + i. */
    private static byte[] unshuffle(byte[] in, int size) {
        int n = in.length / size;
        byte[] out = in.clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < size; j++) {
                out[i * size + j] = in[j * n + i];
            }
        }
        return out;
    }

    private static byte[] inflate(byte[] in) throws DataFormatException {
        Inflater inf = new Inflater(); // zlib wrapper, as HDF5's deflate filter reads
        inf.setInput(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!inf.finished()) {
            int n = inf.inflate(buf);
            if (n == 0 && !inf.finished() && inf.needsInput()) {
                throw new DataFormatException("truncated");
            }
            out.write(buf, 0, n);
        }
        assertEquals(0, inf.getRemaining(), "nothing after the zlib stream");
        inf.end();
        return out.toByteArray();
    }

    @Test
    void shuffleIsHdf5sByteTransposeWithTheTailInPlace() {
        byte[] raw = {1, 2, 3, 4, 5, 6, 7};
        assertArrayEquals(new byte[] {1, 3, 5, 2, 4, 6, 7}, ChunkFilters.shuffle(raw, 2));
        assertArrayEquals(new byte[] {1, 4, 2, 5, 3, 6, 7}, ChunkFilters.shuffle(raw, 3));
        assertArrayEquals(raw, ChunkFilters.shuffle(raw, 1));
        byte[] big = chunk(10_000, 1);
        assertArrayEquals(big, unshuffle(ChunkFilters.shuffle(big, 2), 2));
    }

    @Test
    void eachCombinationUndoesToTheRawChunk() throws DataFormatException {
        byte[] raw = chunk(48 * 40 * 2, 7);
        assertArrayEquals(raw, ChunkFilters.of(List.of()).encode(raw, 2));
        assertArrayEquals(raw, unshuffle(ChunkFilters.of(List.of(SHUFFLE)).encode(raw, 2), 2));
        assertArrayEquals(raw, inflate(ChunkFilters.of(List.of(GZIP4)).encode(raw, 2)));
        byte[] both = ChunkFilters.of(List.of(SHUFFLE, GZIP4)).encode(raw, 2);
        assertArrayEquals(raw, unshuffle(inflate(both), 2), "undone backwards: inflate, then unshuffle");
        byte[] reversed = ChunkFilters.of(List.of(GZIP4, SHUFFLE)).encode(raw, 2);
        assertArrayEquals(raw, inflate(unshuffle(reversed, 2)), "a pipeline deflate-then-shuffle is kept in its order");
    }

    @Test
    void incompressibleAndEmptyChunksStillDeflate() throws DataFormatException {
        byte[] noise = new byte[100_000];
        new SplittableRandom(3).nextBytes(noise);
        for (int level : new int[] {0, 1, 9}) {
            byte[] d = ChunkFilters.deflate(noise, level);
            assertArrayEquals(noise, inflate(d), "level " + level);
        }
        assertArrayEquals(new byte[0], inflate(ChunkFilters.deflate(new byte[0], 6)));
    }

    @Test
    void otherFiltersAreLeftToTheLibrary() {
        assertNull(ChunkFilters.of(List.of(SHUFFLE, new ChunkFilters.Filter(3, 0, new int[0]))), "fletcher32");
        assertNull(ChunkFilters.of(List.of(new ChunkFilters.Filter(32001, 0, new int[0]))), "blosc");
        assertNotNull(ChunkFilters.of(List.of(SHUFFLE, GZIP4)));
    }
}
