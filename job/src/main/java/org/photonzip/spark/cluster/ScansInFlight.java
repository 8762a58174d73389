package org.photonzip.spark.cluster;

import org.apache.spark.SparkContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several scans in flight in one application: a bounded pool of driver threads, each running one scan's whole
 * pipeline in a FAIR scheduler pool of its own, so that the executors encode scan B while the driver opens,
 * captures the metadata of, or commits scan A, and a small scan's tasks are not queued behind a big one's.
 * {@value #IN_FLIGHT} (default 2) sets how many; 1 runs the scans one after another on the calling thread.
 */
public final class ScansInFlight {
    /** How many scans one application works on at once. */
    public static final String IN_FLIGHT = "spark.photonzip.scans.inFlight";
    static final String POOL = "spark.scheduler.pool";

    private ScansInFlight() {
    }

    /** One scan's work; it reports its own failures in what it returns. */
    public interface Work<T, R> {
        R run(T item) throws Exception;
    }

    /** The configured number of scans in flight (at least 1). */
    public static int inFlight(SparkContext sc) {
        return Math.max(1, sc.getConf().getInt(IN_FLIGHT, 2));
    }

    /** Runs {@code work} on every item, at most {@code inFlight} at once; the results in the items' order. */
    public static <T, R> List<R> run(SparkContext sc, List<T> items, int inFlight, Work<T, R> work)
            throws Exception {
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
            Thread t = new Thread(() -> {
                sc.setLocalProperty(POOL, "scan-" + slot); // Spark creates the pool on first use (weight 1)
                r.run();
            }, "photonzip-scan-" + slot);
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
