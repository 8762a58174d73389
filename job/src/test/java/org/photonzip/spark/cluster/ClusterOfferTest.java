package org.photonzip.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class ClusterOfferTest {
    /** Shaped like a standalone master's /json: two alive one-core workers, one dead big one. */
    private static final String JSON = """
            {"url":"spark://127.0.0.1:7077","aliveworkers":2,"cores":2,"coresused":0,"memory":4096,
             "workers":[
              {"id":"worker-a","host":"127.0.0.1","cores":1,"coresused":0,"coresfree":1,"memory":2048,
               "memoryused":0,"memoryfree":2048,"state":"ALIVE"},
              {"id":"worker-b","host":"127.0.0.1","cores":1,"coresused":1,"coresfree":0,"memory":2048,
               "memoryused":1536,"memoryfree":512,"state":"ALIVE"},
              {"id":"worker-dead","host":"10.0.0.9","cores":64,"coresfree":64,"memory":262144,
               "memoryfree":262144,"state":"DEAD"}]}
            """;

    @Test
    void anExecutorBiggerThanEveryAliveWorkerNeverFits() throws Exception {
        ClusterOffer offer = ClusterOffer.parse(JSON);
        assertEquals(2, offer.workers().size(), "dead workers offer nothing");
        ExecutorRequest asked = new ExecutorRequest(4, 4096, 1024);
        assertTrue(offer.neverFits(asked));
        String d = offer.diagnose(asked);
        assertTrue(
                d.startsWith("2 alive worker(s); worker-a: 1 of 1 core(s) and 2048 of 2048 MiB free; "
                        + "worker-b: 0 of 1 core(s) and 512 of 2048 MiB free"),
                d);
        assertTrue(
                d.endsWith("No worker can ever host such an executor: ask for at most 1 core(s) and 2048 MiB "
                        + "(conf/README.md, executor sizing)"),
                d);
    }

    @Test
    void memoryAloneCanMakeItNeverFit() throws Exception {
        assertTrue(ClusterOffer.parse(JSON).neverFits(new ExecutorRequest(1, 3000, 300)));
        assertFalse(ClusterOffer.parse(JSON).neverFits(new ExecutorRequest(1, 2048, 300)));
    }

    @Test
    void aFittingExecutorOnBusyWorkersIsAskedToRetry() throws Exception {
        String busy = JSON.replace("\"coresfree\":1", "\"coresfree\":0");
        ClusterOffer offer = ClusterOffer.parse(busy);
        ExecutorRequest asked = new ExecutorRequest(1, 1024, 384);
        assertFalse(offer.neverFits(asked));
        assertTrue(offer.diagnose(asked).endsWith("busy with other applications: retry later"), offer.diagnose(asked));
    }

    @Test
    void noWorkersAtAll() throws Exception {
        ClusterOffer offer = ClusterOffer.parse("{\"workers\":[]}");
        assertTrue(offer.neverFits(new ExecutorRequest(1, 512, 384)));
        assertEquals(
                "0 alive worker(s): start workers, or check that they reach the master",
                offer.diagnose(new ExecutorRequest(1, 512, 384)));
    }

    @Test
    void requestFromSparkConfiguration() {
        ExecutorRequest r = ExecutorRequest.of(
                new SparkConf(false).set("spark.executor.cores", "4").set("spark.executor.memory", "4g"));
        assertEquals(new ExecutorRequest(4, 4096, 409), r);
        assertEquals(new ExecutorRequest(1, 1024, 384), ExecutorRequest.of(new SparkConf(false)));
        assertEquals(
                512,
                ExecutorRequest.of(new SparkConf(false).set("spark.executor.memoryOverhead", "512m"))
                        .overheadMiB());
    }

    @Test
    void masterWebUiAddress() {
        assertEquals("http://head.example:8080/json", ExecutorWait.masterJson("spark://head.example:7077", 8080));
        assertEquals("http://a:18080/json", ExecutorWait.masterJson("spark://a:7077,b:7077", 18080));
    }
}
