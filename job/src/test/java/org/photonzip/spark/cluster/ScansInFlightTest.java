package org.photonzip.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.photonzip.spark.LocalSpark;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class ScansInFlightTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark().with("spark.scheduler.mode", "FAIR");

    private final SparkSession spark = SPARK.session();

    @Test
    void twoScansRunAtOnceEachInAPoolOfItsOwnAndResultsKeepTheirOrder() throws Exception {
        Set<String> pools = ConcurrentHashMap.newKeySet();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                pools.add(String.valueOf(start.properties().getProperty(ScansInFlight.POOL)));
            }
        };
        spark.sparkContext().addSparkListener(listener);
        // Both of the first two scans must be in flight together to pass the barrier; one at a time would time out.
        CyclicBarrier together = new CyclicBarrier(2);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> results = ScansInFlight.run(spark.sparkContext(), List.of(1, 2, 3, 4, 5), 2, i -> {
            if (i <= 2) {
                together.await(30, TimeUnit.SECONDS);
            }
            return (int) jsc.parallelize(List.of(i, i, i), 3)
                    .map(x -> x * 10)
                    .reduce(Integer::sum)
                    .intValue();
        });
        assertEquals(List.of(30, 60, 90, 120, 150), results);
        Thread.sleep(500); // listener events arrive asynchronously
        spark.sparkContext().removeSparkListener(listener);
        assertTrue(pools.containsAll(Set.of("scan-1", "scan-2")), pools.toString());
    }

    @Test
    void aScanThatThrowsDoesNotStopTheOthersAndIsRethrown() {
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> ScansInFlight.run(spark.sparkContext(), List.of(1, 2, 3), 2, i -> {
                    if (i == 1) {
                        throw new IllegalStateException("scan 1 broke");
                    }
                    done.add(i);
                    return i;
                }));
        assertEquals("scan 1 broke", e.getMessage());
        assertEquals(Set.of(2, 3), done);
    }

    @Test
    void chosenScansCoverEveryCoreTwiceOver() {
        assertEquals(2, ScansInFlight.chosen(2, 2), "a 64 MB scan of two tiles on local[2]");
        assertEquals(4, ScansInFlight.chosen(2, 1), "one-task scans on two cores");
        assertEquals(2, ScansInFlight.chosen(2, 16), "never fewer than 2: a scan's driver work overlaps another's");
        assertEquals(36, ScansInFlight.chosen(275, 16), "the HEPS window: 275 cores, 16 tasks per 8 GB scan");
        assertEquals(ScansInFlight.MAX_CHOSEN, ScansInFlight.chosen(1000, 1), "bounded driver threads");
        assertEquals(2, ScansInFlight.chosen(0, 0), "no cores or tasks known: the least");
    }

    @Test
    void aConfiguredNumberWinsAndTheScansAreThenNotPlanned() {
        assertEquals(4, ScansInFlight.inFlight(spark.sparkContext(), () -> 1), "local[2], one task per scan");
        org.apache.spark.SparkConf conf = new org.apache.spark.SparkConf(false).set(ScansInFlight.IN_FLIGHT, "3");
        assertEquals(3, ScansInFlight.inFlight(conf, 2, () -> {
            throw new AssertionError("the scans are not opened when the number is configured");
        }));
        assertEquals(1, ScansInFlight.inFlight(conf.set(ScansInFlight.IN_FLIGHT, "0"), 2, () -> 1), "at least 1");
    }

    @Test
    void oneInFlightRunsOnTheCallingThread() throws Exception {
        Thread caller = Thread.currentThread();
        assertEquals(
                List.of(true, true),
                ScansInFlight.run(spark.sparkContext(), List.of(1, 2), 1, i -> Thread.currentThread() == caller));
    }
}
