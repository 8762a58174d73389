package org.photonzip.spark;

import java.io.IOException;
import java.util.ServiceLoader;
import org.photonzip.archive.PackWriter;

/**
 * Where tests make a compress task fail on purpose (a task killed mid-pack, say). Production installs none:
 * implementations live in the test tree and are found with {@link ServiceLoader} there only.
 */
public interface TaskFaults {
    /** Called before tile {@code tile} of task {@code task}'s attempt {@code attempt} is written to {@code pack}. */
    void beforeTile(int task, int attempt, int tile, PackWriter pack) throws IOException;

    /** Thrown to stand for a killed task: the task leaves what it wrote, as a killed JVM would. */
    class SimulatedKill extends org.photonzip.codec.PhotonzipException {
        public SimulatedKill(String message) {
            super(message);
        }
    }

    TaskFaults NONE = (task, attempt, tile, pack) -> {};

    static TaskFaults installed() {
        return Holder.INSTALLED;
    }

    /** Loaded once per JVM. */
    final class Holder {
        static final TaskFaults INSTALLED =
                ServiceLoader.load(TaskFaults.class).findFirst().orElse(NONE);

        private Holder() {}
    }
}
