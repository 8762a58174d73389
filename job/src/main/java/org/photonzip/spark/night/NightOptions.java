package org.photonzip.spark.night;

import java.util.function.Function;
import org.photonzip.spark.CompressJob;

/**
 * How a night runs.
 *
 * @param skipExisting keep committed archives and count them as done
 * @param deleteSource delete each scan's source after its archive is committed and verified against it
 * @param request      the compress request for a scan (verify is forced on when deleting sources)
 * @param describe     turns a failure into one line for the record
 * @param compressed   told of each archive written (for the per-scan table)
 */
public record NightOptions(
        boolean skipExisting,
        boolean deleteSource,
        Function<Scan, CompressJob.Request> request,
        Function<Throwable, String> describe,
        java.util.function.Consumer<CompressJob.Report> compressed) {}
