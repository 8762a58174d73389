package org.photonzip.spark;

import java.util.UUID;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;

/**
 * The Spark jobs of one scan, tagged with a job group of their own, so that waiting for a scan's stragglers
 * (killed speculative attempts, the other tasks of a failed stage) does not wait for the other scans that run in
 * the same application at the same time.
 */
final class JobGroup {
    private static final long STRAGGLER_NANOS = 30_000_000_000L;

    private JobGroup() {}

    /** Tags the calling thread's jobs from now on; returns the group's id. */
    static String begin(JavaSparkContext jsc, String description) {
        String id = "photonzip-" + UUID.randomUUID();
        jsc.setJobGroup(id, description, true);
        return id;
    }

    /** Waits (at most 30 s) until no job of {@code group} runs and no task of its stages is still running. */
    static void awaitIdle(JavaSparkContext jsc, String group) {
        long deadline = System.nanoTime() + STRAGGLER_NANOS;
        while (busy(jsc.statusTracker(), group) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static boolean busy(JavaSparkStatusTracker tracker, String group) {
        for (int jobId : tracker.getJobIdsForGroup(group)) {
            SparkJobInfo job = tracker.getJobInfo(jobId);
            if (job == null) {
                continue;
            }
            if (job.status() == org.apache.spark.JobExecutionStatus.RUNNING) {
                return true;
            }
            for (int stageId : job.stageIds()) {
                SparkStageInfo stage = tracker.getStageInfo(stageId);
                if (stage != null && stage.numActiveTasks() > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
