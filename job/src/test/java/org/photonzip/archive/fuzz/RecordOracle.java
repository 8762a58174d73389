package org.photonzip.archive.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.golden.GoldenArchivesTest;
import org.photonzip.codec.PhotonzipException;
import org.photonzip.codec.SampleHash;

/**
 * What must hold for any damaged archive, whoever damaged it: opened and decoded through the one reader it raises
 * photonzip's own exceptions (or an I/O error) and nothing else, within {@link #SECONDS} s, allocating at most
 * {@link #MAX_ALLOCATED} bytes; and what a format-2 archive lets through decodes to its source's samples.
 */
final class RecordOracle {
    static final long MAX_ALLOCATED = 256L << 20;
    static final int SECONDS = 30;

    private RecordOracle() {}

    /** Checks {@code archive}, a damaged copy of the golden archive whose source samples hash to {@code sha256}. */
    static void check(Path archive, boolean format2, String sha256) throws Exception {
        String hash = readAll(archive);
        if (hash != null && format2) {
            assertEquals(sha256, hash, "what a format-2 archive lets through is its source");
        }
    }

    /**
     * Opens and decodes everything on another thread: the SHA-256 of the stack, or null when refused. A read that
     * allocates more than the bound is read once more and judged by that: loading (and, while fuzzing, Jazzer
     * instrumenting) classes is charged to the thread that first needs them, whereas a size trusted from the
     * input allocates the same every time.
     */
    static String readAll(Path archive) throws Exception {
        Read first = read(archive);
        Read judged = first.allocated() <= MAX_ALLOCATED ? first : read(archive);
        assertTrue(
                judged.allocated() <= MAX_ALLOCATED,
                "allocated " + judged.allocated() + " bytes (first read " + first.allocated() + ")");
        return judged.result() instanceof String s ? s : null;
    }

    private record Read(Object result, long allocated) {}

    private static Read read(Path archive) throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Future<Read> f = one.submit(() -> {
                com.sun.management.ThreadMXBean threads =
                        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                long before = threads.getCurrentThreadAllocatedBytes();
                Object result;
                try {
                    ArchiveReader reader = ArchiveReader.open(archive.toString(), new Configuration());
                    result = SampleHash.of(GoldenArchivesTest.decodeAll(reader));
                } catch (PhotonzipException | IOException e) {
                    result = e;
                }
                return new Read(result, threads.getCurrentThreadAllocatedBytes() - before);
            });
            return f.get(SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("reading " + archive + " did not finish in " + SECONDS + " s");
            return null;
        } catch (ExecutionException e) {
            throw new AssertionError("a damaged archive raised " + e.getCause(), e.getCause());
        } finally {
            one.shutdownNow();
        }
    }
}
