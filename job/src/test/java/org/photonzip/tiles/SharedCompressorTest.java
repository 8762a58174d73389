package org.photonzip.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.photonzip.codec.Tile;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.format.TileFormat;

/**
 * One compressor is shared by an executor's task threads (a broadcast value), and builds its encoder options on
 * first use. Built in two steps on the shared field, a second thread could take the first step's lossless options
 * and write a lossless stream into an error-bounded archive (seen once in CI: the commit's mode check refused it).
 * Here fresh bounded compressors are raced by threads released together; every stream must be error-bounded.
 */
class SharedCompressorTest {
    private static final int THREADS = 4;

    @Test
    void threadsSharingAFreshBoundedCompressorAllWriteBoundedStreams() throws Exception {
        short[] samples = new short[2 * 16 * 16];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (1000 + rnd.nextInt(200));
        }
        Tile tile = Tile.wrap(2, 16, 16, samples);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < 2000; round++) {
                TileCompressor shared = TileCompressor.classical().withErrorBound(ErrorBound.absolute(4));
                CyclicBarrier start = new CyclicBarrier(THREADS);
                @SuppressWarnings("unchecked")
                Future<byte[]>[] streams = new Future[THREADS];
                for (int t = 0; t < THREADS; t++) {
                    streams[t] = pool.submit(() -> {
                        start.await();
                        return shared.encode(tile).stream();
                    });
                }
                for (Future<byte[]> f : streams) {
                    byte[] stream = f.get();
                    assertEquals(
                            TileFormat.FLAG_BOUNDED,
                            stream[TileFormat.AT_FLAGS] & TileFormat.FLAG_BOUNDED,
                            "round " + round + ": a stream of a bounded compressor is not flagged bounded");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
