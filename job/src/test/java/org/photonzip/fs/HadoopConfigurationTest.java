package org.photonzip.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** The configuration built without Spark is the one Spark's SparkHadoopUtil builds when it has nothing to add. */
class HadoopConfigurationTest {
    @Test
    void withoutSparkEqualsSparkHadoopUtilsWithoutSparkProperties() {
        // Spark copies these variables whatever its properties say; where they are set newConfiguration() uses Spark.
        assumeTrue(HadoopFiles.SPARK_AWS_VARIABLES.stream().allMatch(v -> System.getenv(v) == null));
        Configuration spark = org.apache.spark.deploy.SparkHadoopUtil.get()
                .newConfiguration(new org.apache.spark.SparkConf(false)); // no spark.* properties
        Configuration plain = HadoopFiles.withSparkDefaults(new Configuration());
        assertEquals(entries(spark), entries(plain));
    }

    private static Map<String, String> entries(Configuration conf) {
        Map<String, String> map = new TreeMap<>();
        conf.forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }
}
