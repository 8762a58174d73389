package org.photonzip.codec;

import java.lang.management.ManagementFactory;

/** Bytes the current thread allocates while running an action (HotSpot's per-thread counter). */
final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {}

    static long bytesAllocatedBy(Runnable action) {
        long id = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(id);
        try {
            action.run();
        } catch (RuntimeException expected) {
            // the allocation, not the outcome, is measured
        }
        return THREADS.getThreadAllocatedBytes(id) - before;
    }
}
