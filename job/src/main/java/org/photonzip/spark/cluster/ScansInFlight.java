package org.photonzip.spark.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;

/**
 * Several scans in flight in one application: a bounded pool of driver threads, each running one scan's whole
 * pipeline in a FAIR scheduler pool of its own, so that the executors encode scan B while the driver opens,
 * captures the metadata of, or commits scan A, and a small scan's tasks are not queued behind a big one's.
 * {@value #IN_FLIGHT} sets how many (1 runs the scans one after another on the calling thread); when it is not
 * set the job chooses from the cluster's cores and the scans' tasks ({@link #chosen}).
 */
public final class ScansInFlight {
    /** How many scans one application works on at once. */
    public static final String IN_FLIGHT = "spark.photonzip.scans.inFlight";

    static final String POOL = "spark.scheduler.pool";

    private ScansInFlight() {}

    /** One scan's work; it reports its own failures in what it returns. */
    public interface Work<T, R> {
        R run(T item) throws Exception;
    }

    /** The most scans the job puts in flight by itself: each holds a driver thread and its scan's manifest rows. */
    static final int MAX_CHOSEN = 64;

    /**
     * Scans in flight: {@value #IN_FLIGHT} when configured (at least 1), else {@link #chosen} for the
     * scans' tasks (asked only then) and the application's cores (its default parallelism: local threads, or the executors' cores).
     */
    public static int inFlight(SparkContext sc, java.util.function.IntSupplier tasksPerScan) {
        return inFlight(sc.getConf(), sc.defaultParallelism(), tasksPerScan);
    }

    static int inFlight(org.apache.spark.SparkConf conf, int cores, java.util.function.IntSupplier tasksPerScan) {
        if (conf.contains(IN_FLIGHT)) {
            return Math.max(1, conf.getInt(IN_FLIGHT, 2));
        }
        return chosen(cores, tasksPerScan.getAsInt());
    }

    /**
     * Enough scans that their tasks cover every core twice over: ceil(cores / tasks per scan) scans keep the
     * cores busy, and as many again are on the driver meanwhile (opening, capturing the metadata, writing the
     * manifest, summary and report, committing), which for a small scan takes about as long as its encode and
     * verify. At least 2, so that one scan's driver work always overlaps another's tasks; at most
     * {@value #MAX_CHOSEN}.
     */
    public static int chosen(int cores, int tasksPerScan) {
        int tasks = Math.max(1, tasksPerScan);
        int covering = (Math.max(1, cores) + tasks - 1) / tasks;
        return Math.max(2, Math.min(MAX_CHOSEN, 2 * covering));
    }

    /** Runs {@code work} on every item, at most {@code inFlight} at once; the results in the items' order. */
    public static <T, R> List<R> run(SparkContext sc, List<T> items, int inFlight, Work<T, R> work) throws Exception {
        List<R> results = new ArrayList<>();
        if (inFlight <= 1 || items.size() <= 1) {
            for (T item : items) {
                results.add(work.run(item));
            }
            return results;
        }
        AtomicInteger slots = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(inFlight, items.size()), r -> {
            int slot = slots.incrementAndGet();
            Thread t = new Thread(
                    () -> {
                        sc.setLocalProperty(POOL, "scan-" + slot); // Spark creates the pool on first use (weight 1)
                        r.run();
                    },
                    "photonzip-scan-" + slot);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> work.run(item)));
            }
            Exception first = null;
            for (Future<R> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    results.add(null);
                    if (first == null) {
                        first = e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (first != null) {
                throw first;
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
