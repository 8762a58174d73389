package org.photonzip.spark.night;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkContext;
import org.photonzip.plan.TaskPlanner;
import org.photonzip.plan.TilePlanner;
import org.photonzip.plan.TileShape;
import org.photonzip.source.InputStack;
import org.photonzip.source.StackDescriptor;
import org.photonzip.spark.CompressJob;

/**
 * How many Spark tasks the planner cuts a night's scans into, taken from its median-sized scan as it would be
 * compressed (its tile shape and task memory): what the number of scans in flight is weighed against.
 */
public final class ScanTasks {
    private ScanTasks() {}

    /** The median scan's tasks; 1 when the night is empty or that scan cannot be opened now (its run says why). */
    static int ofMedianScan(SparkContext sc, List<Scan> scans, long[] sizes, NightOptions options) {
        if (scans.isEmpty()) {
            return 1;
        }
        int median = IntStream.range(0, scans.size())
                .boxed()
                .sorted(Comparator.comparingLong(i -> sizes[i]))
                .toList()
                .get(scans.size() / 2);
        try {
            return of(sc, options.request().apply(scans.get(median)));
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    /** The tasks {@code req}'s input is cut into, as {@link CompressJob} plans them (its input is opened). */
    public static int of(SparkContext sc, CompressJob.Request req) throws IOException {
        try (InputStack input = InputStack.open(req.input(), req.dataset(), sc.hadoopConfiguration())) {
            StackDescriptor s = input.descriptor();
            TileShape shape =
                    req.tile() != null ? req.tile() : TilePlanner.defaultShape(s.frames(), s.height(), s.width());
            long taskBytes = req.taskBytes() > 0 ? req.taskBytes() : CompressJob.defaultTaskBytes(sc);
            return Math.max(
                    1,
                    TaskPlanner.plan(s.frames(), s.height(), s.width(), shape, taskBytes)
                            .size());
        }
    }
}
