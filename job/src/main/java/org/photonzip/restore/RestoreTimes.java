package org.photonzip.restore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a restore's CPU time goes, summed over its threads: decoding and checking tiles (into the band), filtering
 * chunks as the file stores them (byte order, shuffle, deflate, on the workers), and the HDF5 library's writes (on
 * the restore's own thread; for a dataset the restore cannot filter itself, its filters run in there too). Thread
 * CPU time, so that waiting threads count nothing and the figures add up to the restore's cores times its seconds
 * only when every core is busy.
 */
public final class RestoreTimes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU seconds by step. */
    public record Seconds(double decode, double filter, double write) {
        public double total() {
            return decode + filter + write;
        }
    }

    private final LongAdder decode = new LongAdder();
    private final LongAdder filter = new LongAdder();
    private final LongAdder write = new LongAdder();

    /** This thread's CPU time so far, in nanoseconds (wall time where the JVM cannot tell). */
    static long now() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    void decodedSince(long start) {
        decode.add(now() - start);
    }

    void filteredSince(long start) {
        filter.add(now() - start);
    }

    void wroteSince(long start) {
        write.add(now() - start);
    }

    Seconds seconds() {
        return new Seconds(decode.sum() / 1e9, filter.sum() / 1e9, write.sum() / 1e9);
    }
}
