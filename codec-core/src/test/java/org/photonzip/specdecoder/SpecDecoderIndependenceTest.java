package org.photonzip.specdecoder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The spec decoder proves the specification only if it shares nothing with codec-core. */
class SpecDecoderIndependenceTest {
    @Test
    void theSpecDecoderDependsOnTheJdkAlone() {
        JavaClasses decoder = new ClassFileImporter().importPackages("org.photonzip.specdecoder");
        classes()
                .that()
                .resideInAPackage("org.photonzip.specdecoder")
                .and()
                .doNotHaveSimpleName("SpecDecoderIndependenceTest")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.photonzip.specdecoder")
                .check(decoder);
    }

    /** Bytecode misses inlined constants; the sources must not name photonzip's other packages at all. */
    @Test
    void theSpecDecoderSourcesImportOnlyJava() throws IOException {
        Path dir = Path.of("src/test/java/org/photonzip/specdecoder");
        List<Path> sources;
        try (Stream<Path> files = Files.list(dir)) {
            sources = files.filter(p -> p.toString().endsWith(".java")
                            && !p.getFileName().toString().equals("SpecDecoderIndependenceTest.java"))
                    .toList();
        }
        assertTrue(sources.size() >= 8, "found " + sources);
        for (Path p : sources) {
            for (String line : Files.readAllLines(p)) {
                String l = line.strip();
                if (l.startsWith("import ")) {
                    assertTrue(
                            l.matches("import (static )?(java\\.|org\\.photonzip\\.specdecoder\\.).*"), p + ": " + l);
                }
                assertFalse(l.contains("org.photonzip.codec"), p + ": " + l);
            }
        }
    }
}
