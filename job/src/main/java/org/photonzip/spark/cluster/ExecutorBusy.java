package org.photonzip.spark.cluster;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * How busy the executors were over a span of the application (a night, a benchmark run): the time tasks held
 * a core (launch to end, summed over every task that ended in the span) over the cores times the wall time.
 * The cores are the application's default parallelism: the local master's threads, or the executors' cores on
 * a cluster.
 */
public final class ExecutorBusy extends SparkListener {
    private final SparkContext sc;
    private final int cores;
    private final long start = System.nanoTime();
    private final AtomicLong taskMillis = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();

    private ExecutorBusy(SparkContext sc) {
        this.sc = sc;
        this.cores = Math.max(1, sc.defaultParallelism());
    }

    /** The figures of one span. */
    public record Figures(int cores, double seconds, double taskSeconds, long tasks) {
        /** Task time over cores × wall: 1 when every core held a task throughout. */
        public double fraction() {
            return seconds <= 0 ? 0 : taskSeconds / (cores * seconds);
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "executors busy %.3f of the time (%d task(s), %.1f task-seconds on %d " + "core(s) over %.1f s)",
                    fraction(),
                    tasks,
                    taskSeconds,
                    cores,
                    seconds);
        }
    }

    /** Starts counting now. */
    public static ExecutorBusy start(SparkContext sc) {
        ExecutorBusy busy = new ExecutorBusy(sc);
        sc.addSparkListener(busy);
        return busy;
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart event) {
        started.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        long launch = event.taskInfo().launchTime();
        long finish = event.taskInfo().finishTime();
        if (finish > launch) {
            taskMillis.addAndGet(finish - launch);
        }
        ended.incrementAndGet();
    }

    /**
     * Stops counting. Listener events arrive after the jobs return: waits (at most 5 s) until every task seen
     * starting was also seen ending.
     */
    public Figures stop() {
        double seconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (ended.get() < started.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sc.removeSparkListener(this);
        return new Figures(cores, seconds, taskMillis.get() / 1e3, ended.get());
    }
}
