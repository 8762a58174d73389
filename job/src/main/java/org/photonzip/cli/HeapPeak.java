package org.photonzip.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The most heap a run used, sampled every 20 ms (in local mode the executors are this JVM), and the process's
 * peak resident set size from {@code /proc/self/status} where there is one.
 */
final class HeapPeak implements AutoCloseable {
    private final Thread sampler;
    private volatile boolean stopped;
    private volatile long peak;

    HeapPeak() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        sampler = new Thread(
                () -> {
                    while (!stopped) {
                        peak = Math.max(
                                peak,
                                ManagementFactory.getMemoryMXBean()
                                        .getHeapMemoryUsage()
                                        .getUsed());
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "photonzip-heap-peak");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Highest heap use sampled. */
    long sampledBytes() {
        return peak;
    }

    /** Process peak resident set (VmHWM), or -1 when unknown. */
    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception ignored) {
            // Not Linux: no figure.
        }
        return -1;
    }

    @Override
    public void close() {
        stopped = true;
        sampler.interrupt();
    }
}
