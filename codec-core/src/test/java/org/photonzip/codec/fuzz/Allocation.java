package org.photonzip.codec.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/** Bytes the current thread allocates (HotSpot's per-thread counter), to hold decoding to its validated bound. */
final class Allocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {}

    /**
     * Fails if {@code action} allocates more than {@code bound} bytes. Decoding is deterministic, so an excess is
     * measured again: the first run of a path may load (and, under the fuzzer, instrument) classes on this
     * thread, which the counter also sees.
     */
    static void within(long bound, Supplier<?> action) {
        long used = Long.MAX_VALUE;
        for (int run = 0; run < 2 && used > bound; run++) {
            long before = now();
            action.get();
            used = now() - before;
        }
        if (used > bound) {
            fail("decoding allocated " + used + " bytes, more than its bound of " + bound);
        }
    }

    static long now() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
