package org.photonzip.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.photonzip.spark.LocalSpark;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class ExecutorBusyTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private final SparkSession spark = SPARK.session();

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
