package org.photonzip.spark.cluster;

import java.util.Locale;
import org.apache.spark.SparkConf;

/**
 * What one executor asks of a worker, as the standalone master reckons it: {@code spark.executor.cores} (unset:
 * all free cores of a worker, at least one) and {@code spark.executor.memory} (heap; the master does not count the
 * overhead, YARN and Kubernetes do).
 */
public record ExecutorRequest(int cores, long memoryMiB, long overheadMiB) {
    public static ExecutorRequest of(SparkConf conf) {
        int cores = conf.getInt("spark.executor.cores", 1);
        long memory = conf.getSizeAsMb("spark.executor.memory", "1g");
        long overhead = conf.contains("spark.executor.memoryOverhead")
                ? conf.getSizeAsMb("spark.executor.memoryOverhead", "0")
                : Math.max(384, memory / 10);
        return new ExecutorRequest(cores, memory, overhead);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%d core(s) and %d MiB heap (+%d MiB overhead off standalone) per executor "
                        + "(spark.executor.cores, spark.executor.memory)",
                cores,
                memoryMiB,
                overheadMiB);
    }
}
