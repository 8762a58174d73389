package org.photonzip.spark.cluster;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.photonzip.spark.SparkTests;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutorBusyTest {
    private SparkSession spark;

    @BeforeAll
    void start() {
        spark = SparkTests.start("local[2]", Map.of());
    }

    @AfterAll
    void stop() {
        spark.stop();
    }

    @Test
    void tasksThatHoldBothCoresMostOfTheSpanCountAsBusy() {
        ExecutorBusy busy = ExecutorBusy.start(spark.sparkContext());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // Two tasks of 600 ms each on two cores: both cores held for most of the span.
        jsc.parallelize(List.of(1, 2), 2).foreach(i -> Thread.sleep(600));
        ExecutorBusy.Figures f = busy.stop();
        assertEquals(2, f.cores());
        assertEquals(2, f.tasks());
        assertTrue(f.taskSeconds() >= 1.2, f.toString());
        assertTrue(f.fraction() > 0.3 && f.fraction() <= 1, f.toString());
    }

    @Test
    void anIdleSpanIsNotBusy() throws Exception {
        ExecutorBusy busy = ExecutorBusy.start(spark.sparkContext());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.parallelize(List.of(1), 1).foreach(i -> Thread.sleep(100));
        Thread.sleep(1500); // the driver alone: no task holds a core
        ExecutorBusy.Figures f = busy.stop();
        assertEquals(1, f.tasks());
        assertTrue(f.fraction() > 0 && f.fraction() < 0.5, f.toString());
    }
}
