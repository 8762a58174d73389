package org.photonzip.spark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The driver's progress line: tiles done of total, MB/s of uint16 input encoded, ETA. Finished tasks report their
 * counts at their end; running tasks through the executors' heartbeats, so the line moves within a task too.
 * On a terminal it rewrites one line; otherwise it prints a line every {@value #LOG_EVERY_S} s.
 */
final class ProgressLine extends SparkListener implements AutoCloseable {
    private static final int LOG_EVERY_S = 10;

    private final String label;
    private final long totalTiles;
    private final long totalSamples;
    private final long tilesId;
    private final long samplesId;
    private final PrintStream out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private final Map<Long, long[]> running = new ConcurrentHashMap<>();
    private volatile long doneTiles;
    private volatile long doneSamples;
    private final Thread printer;
    private volatile boolean stopped;

    ProgressLine(
            String label,
            long totalTiles,
            long totalSamples,
            LongAccumulator tiles,
            LongAccumulator samples,
            PrintStream out) {
        this.label = label;
        this.totalTiles = totalTiles;
        this.totalSamples = totalSamples;
        this.tilesId = tiles.id();
        this.samplesId = samples.id();
        this.out = out;
        this.terminal = System.console() != null;
        this.printer = new Thread(this::loop, "photonzip-progress");
        this.printer.setDaemon(true);
        this.printer.start();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        long[] v = values(CollectionConverters.asJava(end.taskInfo().accumulables()));
        running.remove(end.taskInfo().taskId());
        if (end.taskInfo().successful()) {
            synchronized (this) {
                doneTiles += v[0];
                doneSamples += v[1];
            }
        }
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> t :
                CollectionConverters.asJava(update.accumUpdates())) {
            long[] v = values(CollectionConverters.asJava(t._4()));
            if (v[0] > 0 || v[1] > 0) {
                running.put((Long) t._1(), v);
            }
        }
    }

    private long[] values(Iterable<AccumulableInfo> infos) {
        long[] v = new long[2];
        for (AccumulableInfo info : infos) {
            Object update = info.update().isDefined() ? info.update().get() : null;
            if (update instanceof Number n) {
                if (info.id() == tilesId) {
                    v[0] = n.longValue();
                } else if (info.id() == samplesId) {
                    v[1] = n.longValue();
                }
            }
        }
        return v;
    }

    private void loop() {
        long last = 0;
        while (!stopped) {
            try {
                Thread.sleep(terminal ? 1000 : 500);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            if (terminal || now - last >= LOG_EVERY_S * 1_000_000_000L) {
                last = now;
                print(false);
            }
        }
    }

    synchronized void print(boolean last) {
        long tiles = doneTiles;
        long samples = doneSamples;
        for (long[] v : running.values()) {
            tiles += v[0];
            samples += v[1];
        }
        tiles = Math.min(tiles, totalTiles);
        samples = Math.min(samples, totalSamples);
        double seconds = (System.nanoTime() - start) / 1e9;
        double mbps = samples * 2 / 1e6 / Math.max(seconds, 1e-9);
        String eta = samples == 0 ? "?" : format((totalSamples - samples) * 2 / 1e6 / Math.max(mbps, 1e-9));
        String line = String.format(
                Locale.ROOT,
                "%s: %d/%d tiles (%.0f%%), %.1f MB/s, %s elapsed, ETA %s",
                label,
                tiles,
                totalTiles,
                100.0 * samples / Math.max(1, totalSamples),
                mbps,
                format(seconds),
                eta);
        if (terminal) {
            out.print("\r" + line + "   " + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static String format(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        stopped = true;
        printer.interrupt();
    }
}
