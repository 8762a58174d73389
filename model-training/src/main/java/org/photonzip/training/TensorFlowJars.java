package org.photonzip.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of TensorFlow Java's jars a class loader lacks, probed by one class or resource from each, so that a
 * driver under spark-submit can name what to add to {@code --jars} before any work, instead of failing with
 * {@code NoClassDefFoundError} after sampling (conf/README.md lists the set: job/target/submit-lib-tf).
 */
public final class TensorFlowJars {
    private static final Map<String, String> PROBES = new LinkedHashMap<>();

    static {
        PROBES.put("tensorflow-core-api", "org/tensorflow/TensorFlow.class");
        PROBES.put("tensorflow-core-native", "org/tensorflow/internal/c_api/global/tensorflow.class");
        PROBES.put(
                "tensorflow-core-native (linux-x86_64 or linux-x86_64-gpu natives)",
                "org/tensorflow/internal/c_api/" + nativePlatform() + "/libjnitensorflow.so");
        PROBES.put("tensorflow-framework", "org/tensorflow/framework/optimizers/Adam.class");
        PROBES.put("ndarray", "org/tensorflow/ndarray/NdArray.class");
        PROBES.put("javacpp", "org/bytedeco/javacpp/Loader.class");
        PROBES.put("protobuf-java", "com/google/protobuf/Message.class");
    }

    private TensorFlowJars() {}

    /** The jars (artifact names) whose probe {@code loader} cannot find; empty when all are there. */
    public static List<String> missing(ClassLoader loader) {
        List<String> missing = new ArrayList<>();
        PROBES.forEach((jar, resource) -> {
            if (loader.getResource(resource) == null && !gpuNatives(loader, resource)) {
                missing.add(jar);
            }
        });
        return missing;
    }

    /** The GPU build's natives stand in for the CPU ones. */
    private static boolean gpuNatives(ClassLoader loader, String resource) {
        return resource.endsWith(".so")
                && loader.getResource(resource.replace("/" + nativePlatform() + "/", "/" + nativePlatform() + "-gpu/"))
                        != null;
    }

    private static String nativePlatform() {
        String arch = System.getProperty("os.arch", "");
        return "linux-" + (arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch);
    }
}
