package org.photonzip.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded Spark session of a test class, as a JUnit 5 extension: register it on a static field,
 * <pre>{@code @RegisterExtension static final LocalSpark SPARK = new LocalSpark("local[2]");}</pre>
 * and take {@link #session()} where the class needs Spark. The session starts on first use (so a class can first
 * start what its configuration names, an HDFS or S3 endpoint, and pass that to {@link #session(Map)}) with
 * {@link SparkTests}'s settings, and stops after the class's last test and its {@code @AfterAll} methods, whatever
 * they threw. A class that must stop Spark before it stops something else calls {@link #stop()} itself.
 */
public final class LocalSpark implements AfterAllCallback {
    private final String master;
    private final Map<String, String> conf = new HashMap<>();
    private SparkSession session;

    /** {@code local[2]}: two threads, a task fails the job on its first failure. */
    public LocalSpark() {
        this("local[2]");
    }

    public LocalSpark(String master) {
        this.master = master;
    }

    /** A Spark setting for this class's session (before it starts). */
    public LocalSpark with(String key, String value) {
        conf.put(key, value);
        return this;
    }

    /** The class's session, started on the first call. */
    public SparkSession session() {
        return session(Map.of());
    }

    /** The class's session, started on the first call with these settings besides the fixed ones. */
    public synchronized SparkSession session(Map<String, String> extra) {
        if (session == null) {
            Map<String, String> all = new HashMap<>(conf);
            all.putAll(extra);
            session = SparkTests.start(master, all);
        } else if (!extra.isEmpty()
                && !extra.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(session.conf().get(e.getKey(), null)))) {
            throw new IllegalStateException("the test class's Spark session already runs with other settings");
        }
        return session;
    }

    /** Stops the session if it runs; the next {@link #session()} starts a new one. */
    public synchronized void stop() {
        if (session != null) {
            try {
                session.stop();
            } finally {
                session = null;
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }
}
