package org.photonzip.spark;

import java.io.IOException;
import org.apache.spark.SparkEnv;
import org.photonzip.archive.PackWriter;

/**
 * Test fault: with the Spark setting {@value #KEY} = {@code P:N}, the first attempt of task P dies after writing
 * N tiles, leaving a torn pack behind as a killed executor would.
 */
public final class KillFirstAttempt implements TaskFaults {
    public static final String KEY = "spark.photonzip.test.killFirstAttempt";

    @Override
    public void beforeTile(int task, int attempt, int tile, PackWriter pack) throws IOException {
        SparkEnv env = SparkEnv.get();
        String spec = env == null ? "" : env.conf().get(KEY, "");
        int colon = spec.indexOf(':');
        if (attempt != 0
                || colon < 0
                || Integer.parseInt(spec.substring(0, colon).trim()) != task
                || Integer.parseInt(spec.substring(colon + 1).trim()) != tile) {
            return;
        }
        pack.flushPartial();
        throw new SimulatedKill("Injected failure: first attempt of task " + task + " killed after writing " + tile
                + " tiles to " + pack.path().getName());
    }
}
