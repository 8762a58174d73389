package org.photonzip.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorFlowJarsTest {
    @Test
    void nothingMissingWhereTheBuildPutTensorFlow() {
        assertEquals(List.of(), TensorFlowJars.missing(TensorFlowJarsTest.class.getClassLoader()));
    }

    @Test
    void everyJarNamedWhereNoneIsThere() throws Exception {
        try (URLClassLoader bare = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            List<String> missing = TensorFlowJars.missing(bare);
            assertEquals(7, missing.size(), missing.toString());
            assertTrue(missing.get(0).equals("tensorflow-core-api"), missing.toString());
            assertTrue(missing.contains("tensorflow-framework") && missing.contains("javacpp"), missing.toString());
        }
    }

    @Test
    void onlyTheNativesMissing() throws Exception {
        // The Java jars without the platform jar: the natives are named, nothing else.
        List<URL> urls = new java.util.ArrayList<>();
        for (String entry : System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(java.io.File.pathSeparator)) {
            if (!entry.contains("linux-x86_64")) {
                urls.add(java.nio.file.Path.of(entry).toUri().toURL());
            }
        }
        try (URLClassLoader noNatives =
                new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            List<String> missing = TensorFlowJars.missing(noNatives);
            assertEquals(1, missing.size(), missing.toString());
            assertTrue(missing.get(0).startsWith("tensorflow-core-native (linux-x86_64"), missing.toString());
        }
    }
}
