package org.photonzip.codec.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * codec-core's layering: the building blocks (entropy, map, bound, format, learned, model) are free of cycles among
 * themselves and never reach the stream assembly in the root package ({@code TileCodec}, encoder, decoder, header);
 * of the root package they use only its exceptions and the {@code Tile} value, as aircompressor's codecs use its
 * one malformed-input exception.
 */
class CodecLayeringTest {
    private static final JavaClasses CODEC = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.photonzip.codec");

    @Test
    void buildingBlocksAreFreeOfCycles() {
        slices().matching("org.photonzip.codec.(*)..").should().beFreeOfCycles().check(CODEC);
    }

    @Test
    void buildingBlocksUseOnlyTheRootPackagesExceptionsAndTile() {
        noClasses()
                .that()
                .resideInAPackage("org.photonzip.codec.*..")
                .should()
                .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "root-package classes other than exceptions and Tile",
                        c -> c.getPackageName().equals("org.photonzip.codec")
                                && !c.isAssignableTo(org.photonzip.codec.PhotonzipException.class)
                                && !c.getSimpleName().equals("Tile")
                                && !c.getName().startsWith("org.photonzip.codec.Tile$")))
                .check(CODEC);
    }
}
