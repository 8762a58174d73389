package org.photonzip.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** One embedded Spark per test class: loopback only, no UI, small. */
public final class SparkTests {
    private SparkTests() {}

    public static SparkSession start(String master, Map<String, String> extra) {
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        SparkConf conf = new SparkConf()
                .setMaster(master)
                .setAppName("photonzip-test")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.sql.shuffle.partitions", "2")
                .set("spark.executor.heartbeatInterval", "2s");
        extra.forEach(conf::set);
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
