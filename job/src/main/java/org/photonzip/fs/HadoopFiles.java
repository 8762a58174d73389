package org.photonzip.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Turns the paths users type ({@code /data/scan.h5}, {@code file:///...}, {@code hdfs://nn/...},
 * {@code s3a://bucket/...}) into Hadoop paths and their file systems. A path without a scheme is a local file,
 * made absolute against the working directory, whatever {@code fs.defaultFS} says: the command line names local
 * files the way a shell does.
 */
public final class HadoopFiles {
    private HadoopFiles() {}

    /** The Hadoop path for {@code location}, fully qualified ({@code file:/abs/path} for a local path). */
    public static Path path(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("Invalid path: empty");
        }
        if (hasScheme(location)) {
            return new Path(location); // parsed by Hadoop, so glob characters such as '?' stay in the path
        }
        String uri = java.nio.file.Path.of(location)
                .toAbsolutePath()
                .normalize()
                .toUri()
                .toString();
        // toUri() ends an existing directory with '/', which would make the Hadoop path's name empty.
        while (uri.endsWith("/") && !uri.endsWith(":///")) {
            uri = uri.substring(0, uri.length() - 1);
        }
        return new Path(URI.create(uri));
    }

    /** True when {@code location} starts with a URI scheme such as {@code hdfs:} (a Windows drive letter is not one). */
    public static boolean hasScheme(String location) {
        int colon = location.indexOf(':');
        if (colon < 2) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = location.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return location.startsWith("//", colon + 1) || location.startsWith("/", colon + 1);
    }

    /**
     * A Hadoop configuration for commands that run without a SparkContext ({@code decompress}, {@code info}):
     * core-site.xml and friends from the classpath plus the {@code spark.hadoop.*} properties that spark-submit
     * passes (from {@code --conf} or {@code --properties-file}), built by Spark's own {@code SparkHadoopUtil} so
     * that it is the configuration a SparkContext would give the same settings (S3A credentials included).
     * Where there is nothing for Spark to add (no {@code spark.*} system property, none of the AWS variables it copies, no hive-site.xml), it
     * is Hadoop's own configuration with Spark's buffer size, built without loading Spark: starting Spark's
     * configuration classes costs a command such as {@code info} about a second of its start-up.
     */
    public static Configuration newConfiguration() {
        return sparkWouldAdd() ? sparkConfiguration() : withSparkDefaults(new Configuration());
    }

    /** What Spark's SparkHadoopUtil builds from the spark.* system properties (loads Spark's classes). */
    static Configuration sparkConfiguration() {
        return org.apache.spark.deploy.SparkHadoopUtil.get().newConfiguration(new org.apache.spark.SparkConf());
    }

    /** The settings SparkHadoopUtil gives every configuration when no spark.* property says otherwise. */
    static Configuration withSparkDefaults(Configuration conf) {
        conf.set("io.file.buffer.size", "65536");
        conf.set("fs.s3a.downgrade.syncable.exceptions", "true");
        conf.set("mapreduce.fileoutputcommitter.algorithm.version", "1");
        return conf;
    }

    /** The environment variables SparkHadoopUtil copies into fs.s3a.* settings. */
    static final java.util.List<String> SPARK_AWS_VARIABLES =
            java.util.List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL");

    /** True when SparkHadoopUtil would add more: spark-submit's properties, AWS variables, a hive-site.xml. */
    static boolean sparkWouldAdd() {
        return System.getProperties().stringPropertyNames().stream().anyMatch(k -> k.startsWith("spark."))
                || SPARK_AWS_VARIABLES.stream().anyMatch(v -> System.getenv(v) != null)
                || Thread.currentThread().getContextClassLoader().getResource("hive-site.xml") != null;
    }

    /**
     * The file system of {@code path}. Local paths get Hadoop's raw local file system, so that archives on local
     * disks carry no {@code .crc} side files.
     */
    public static FileSystem fileSystem(Path path, Configuration conf) {
        try {
            FileSystem fs = path.getFileSystem(conf);
            return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the file system of " + path + ": " + e.getMessage(), e);
        }
    }

    /** True for the local file system, where a path can also be opened as a {@link java.nio.file.Path}. */
    public static boolean isLocal(Path path) {
        String scheme = path.toUri().getScheme();
        return scheme == null || "file".equals(scheme.toLowerCase(Locale.ROOT));
    }

    /** The local file behind a {@code file:} path. */
    public static java.nio.file.Path localFile(Path path) {
        if (!isLocal(path)) {
            throw new IllegalArgumentException(
                    "Invalid local path: " + path + " is on " + path.toUri().getScheme());
        }
        return java.nio.file.Path.of(path.toUri().getPath());
    }

    /**
     * True when renaming a directory on this file system is one atomic step (local disks, HDFS), so an archive
     * can be staged and renamed into place; false for object stores (s3a, gs, abfs, ...), where a rename copies.
     */
    public static boolean hasAtomicDirectoryRename(Path path) {
        String scheme = path.toUri().getScheme();
        if (scheme == null) {
            return true;
        }
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "file", "hdfs", "viewfs", "webhdfs", "swebhdfs" -> true;
            default -> false;
        };
    }
}
