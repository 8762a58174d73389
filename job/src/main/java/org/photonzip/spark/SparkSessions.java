package org.photonzip.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.photonzip.spark.cluster.ExecutorWait;

/**
 * The Spark session of a command. Under {@code spark-submit} the master and configuration come from there;
 * run by {@code bin/photonzip} (no master configured) it is embedded Spark, {@code local[*]} unless
 * {@code --master} says otherwise, bound to the loopback address.
 */
public final class SparkSessions {
    private SparkSessions() {}

    private static final java.util.concurrent.atomic.AtomicInteger STARTED =
            new java.util.concurrent.atomic.AtomicInteger();

    /** How many sessions {@link #start} has started in this JVM: commands that need no Spark must start none. */
    public static int started() {
        return STARTED.get();
    }

    public static SparkSession start(String appName, String master) {
        STARTED.incrementAndGet();
        SparkConf conf = new SparkConf();
        boolean submitted = conf.contains("spark.master");
        if (master != null) {
            conf.setMaster(master);
        } else if (!submitted) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            // Progress within a task arrives with the executor heartbeat.
            conf.setIfMissing("spark.executor.heartbeatInterval", "2s");
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // Several scans in flight share the executors fairly (ScansInFlight gives each its own pool).
        conf.setIfMissing("spark.scheduler.mode", "FAIR");
        conf.setAppName(appName);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            ExecutorWait.awaitFirstExecutor(spark.sparkContext());
        } catch (RuntimeException e) {
            spark.stop(); // leave the master's queue rather than wait there
            throw e;
        }
        return spark;
    }
}
