package org.photonzip.cli;

import picocli.CommandLine.Option;

/**
 * {@code --master} of the commands that run Spark jobs (compress, verify, decompress, demo), one default for all:
 * spark-submit's master, else embedded {@code local[*]} ({@code SparkSessions}). bench-night keeps its own
 * {@code local[2]}: a benchmark names its parallelism so that its figures can be repeated; bench-job takes
 * {@code --masters}.
 */
public final class SparkMasterOption {
    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    /** The master given, or null for the default. */
    String master() {
        return master;
    }
}
