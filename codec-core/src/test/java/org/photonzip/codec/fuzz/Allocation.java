package org.photonzip.codec.fuzz;

import java.lang.management.ManagementFactory;

/** Bytes the current thread allocates (HotSpot's per-thread counter), to hold decoding to its validated bound. */
final class Allocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    static long now() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
