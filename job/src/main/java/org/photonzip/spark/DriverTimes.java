package org.photonzip.spark;

import java.util.Locale;

/**
 * Where one scan's wall time went, in seconds: {@code prepare} (open the input, choose the model, plan, stage the
 * archive), {@code encode} and {@code verify} (Spark jobs: the executors work), {@code metadataWait} (the encode
 * ended before the driver's metadata capture did) and {@code finish} (manifest, summary, report, commit). The
 * driver's serial part, when this scan alone keeps the executors idle, is prepare + metadataWait + finish.
 */
public record DriverTimes(double prepare, double encode, double metadataWait, double verify, double finish) {
    public double serial() {
        return prepare + metadataWait + finish;
    }

    static double since(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "driver serial %.2f s (prepare %.2f, metadata wait %.2f, finish %.2f); "
                        + "Spark jobs: encode %.2f s, verify %.2f s",
                serial(),
                prepare,
                metadataWait,
                finish,
                encode,
                verify);
    }
}
