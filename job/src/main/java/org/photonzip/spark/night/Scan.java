package org.photonzip.spark.night;

/**
 * One scan of a night: its input as the job opens it (a file, or a TIFF directory or glob) and its archive.
 *
 * @param input   the input, a local path or Hadoop URI
 * @param archive the archive it is written to
 */
public record Scan(String input, String archive) {}
