package org.photonzip.spark.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fail-fast for clusters that never run a task: Spark itself waits forever ("Initial job has not accepted any
 * resources") when no worker can host the executor asked for. Before any work, wait up to
 * {@value #TIMEOUT} (default 120 s) for a first executor; then fail with what was asked against what the
 * standalone master's workers offer (its web UI's {@code /json}, port {@code spark.master.ui.port}, default 8080).
 * Skipped in local mode and with dynamic allocation (no executor is asked for before there are tasks).
 */
public final class ExecutorWait {
    /** How long to wait for a first executor. */
    public static final String TIMEOUT = "spark.photonzip.executor.timeout";

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorWait.class);

    private ExecutorWait() {}

    public static void awaitFirstExecutor(SparkContext sc) {
        SparkConf conf = sc.getConf();
        if (sc.isLocal() || conf.getBoolean("spark.dynamicAllocation.enabled", false)) {
            return;
        }
        long timeoutMs = conf.getTimeAsMs(TIMEOUT, "120s");
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        long start = System.nanoTime();
        while (executors(sc) == 0) {
            if (System.nanoTime() > deadline) {
                throw unavailable(sc, timeoutMs);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Cannot start: interrupted while waiting for executors", e);
            }
        }
        LOG.info(String.format(Locale.ROOT, "first executor after %.1f s", (System.nanoTime() - start) / 1e9));
    }

    /** Executors other than the driver's own block manager. */
    static int executors(SparkContext sc) {
        return Math.max(0, sc.statusTracker().getExecutorInfos().length - 1);
    }

    private static ClusterUnavailableException unavailable(SparkContext sc, long timeoutMs) {
        ExecutorRequest asked = ExecutorRequest.of(sc.getConf());
        String head = String.format(
                Locale.ROOT,
                "Cannot start: no executor accepted within %d s (%s); asked for %s",
                timeoutMs / 1000,
                TIMEOUT,
                asked);
        String master = sc.master();
        if (!master.startsWith("spark://")) {
            return new ClusterUnavailableException(
                    head + ". The cluster manager (" + master + ") granted none: see "
                            + "its pending requests (YARN: queue limits, yarn.scheduler.maximum-allocation-*)",
                    false);
        }
        String url = masterJson(master, sc.getConf().getInt("spark.master.ui.port", 8080));
        try {
            ClusterOffer offer = ClusterOffer.parse(fetch(url));
            return new ClusterUnavailableException(
                    head + ". The master offers " + offer.diagnose(asked), offer.neverFits(asked));
        } catch (IOException | RuntimeException e) {
            return new ClusterUnavailableException(
                    head + ". What the master offers is unknown (" + url + ": " + e.getMessage() + ")", false);
        }
    }

    /** {@code spark://host:7077[,host2:7077]} -> {@code http://host:PORT/json} (the first master). */
    static String masterJson(String master, int uiPort) {
        String hostPort = master.substring("spark://".length()).split(",")[0];
        int colon = hostPort.lastIndexOf(':');
        String host = colon > 0 ? hostPort.substring(0, colon) : hostPort;
        return "http://" + host + ":" + uiPort + "/json";
    }

    private static String fetch(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }
}
