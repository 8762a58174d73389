package org.photonzip.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.photonzip.cli.Photonzip;
import org.photonzip.codec.TileCodec;
import org.photonzip.training.Trainer;

/**
 * The job's layering (docs/architecture.md): packages follow the data's path without cycles, only the
 * command line reaches the tools, and nothing reaches the command line; codec-core (imported here from its
 * jar or classes) needs nothing but the JDK, and model-training nothing of the job.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // the three modules' own class roots (directories in a reactor build, jars otherwise): scanning the
        // whole classpath of ~200 jars for org.photonzip would take a minute
        Set<Location> roots = new HashSet<>();
        for (Class<?> inModule : List.of(Photonzip.class, TileCodec.class, Trainer.class)) {
            roots.add(rootOf(inModule));
        }
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(roots);
    }

    private static Location rootOf(Class<?> type) {
        try {
            Path root = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(root) ? Location.of(root) : Location.of(new JarFile(root.toFile()));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("Cannot locate the classes of " + type, e);
        }
    }

    @Test
    void codecCoreDependsOnTheJdkAlone() {
        noClasses().that().resideInAPackage("org.photonzip.codec..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.photonzip.codec..", "java..")
                .check(classes);
    }

    @Test
    void modelTrainingKnowsNothingOfTheJob() {
        noClasses().that().resideInAPackage("org.photonzip.training..")
                .should().dependOnClassesThat().resideInAnyPackage("org.photonzip.spark..", "org.photonzip.cli..",
                        "org.photonzip.archive..", "org.photonzip.source..", "org.photonzip.restore..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineUsesTheTools() {
        noClasses().that().resideOutsideOfPackages("org.photonzip.cli..", "org.photonzip.tools..")
                .should().dependOnClassesThat().resideInAPackage("org.photonzip.tools..")
                .check(classes);
    }

    @Test
    void nothingUsesTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("org.photonzip.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.photonzip.cli..")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        // codec-core is held to its own layering (codec-core CodecLayeringTest); here: the job's and training's packages
        slices().matching("org.photonzip.(**)").should().beFreeOfCycles()
                .check(classes.that(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("org.photonzip.codec.."))));
    }
}
