package org.photonzip.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.photonzip.cli.Photonzip;
import org.photonzip.codec.TileCodec;
import org.photonzip.training.Trainer;

/**
 * The layering of docs/architecture.md, executable: each package of the job (and codec-core and model-training,
 * imported from their jars or classes) uses only the packages its row there names ({@link #USES}); the table
 * in the docs and {@link #USES} are the same; every arrow is used (a stale one fails too); there are no package
 * cycles; nothing uses the command line; and the job and training use only codec-core's API ({@link #CODEC_API}).
 */
class ArchitectureTest {
    /** The root package's layer: {@code org.photonzip} itself ({@code PhotonzipVersion}). */
    private static final String ROOT = "org.photonzip";
    /** cli may use any package. */
    private static final List<String> ANY = List.of("*");

    /**
     * Package (under org.photonzip) → the packages it uses; the same arrows as docs/architecture.md. An arrow in
     * parentheses is allowed but not required to show in the classes: one the bytecode does not show (an inlined
     * constant, a local variable's type).
     */
    static final Map<String, List<String>> USES = new LinkedHashMap<>();

    static {
        USES.put("codec", List.of());
        USES.put("training", List.of("codec"));
        USES.put(ROOT, List.of());
        USES.put("fs", List.of());
        USES.put("plan", List.of());
        USES.put("hdf5", List.of("codec"));
        USES.put("source", List.of("codec", "fs", "hdf5"));
        USES.put("tiles", List.of("codec", "training"));
        USES.put("options", List.of("codec", "training"));
        USES.put("quality", List.of("codec", "source"));
        USES.put("model", List.of("codec", "fs", "plan", "source", "training"));
        USES.put("archive", List.of("(" + ROOT + ")", "codec", "fs", "source", "tiles"));
        USES.put("restore", List.of("codec", "fs", "hdf5", "source", "tiles", "archive"));
        USES.put("report", List.of("codec", "source", "tiles", "archive", "quality"));
        USES.put(
                "spark",
                List.of(
                        "codec",
                        "training",
                        "fs",
                        "hdf5",
                        "source",
                        "plan",
                        "tiles",
                        "options",
                        "(quality)",
                        "model",
                        "archive",
                        "restore",
                        "report"));
        USES.put("tools", List.of("codec", "training", "source", "plan"));
        USES.put("cli", ANY);
    }

    /**
     * codec-core's API: the types (and their nested types) other modules may use. Everything else in codec-core
     * is public only so that its own packages can share it.
     */
    static final Set<String> CODEC_API = Set.of(
            // tiles and their streams
            "Tile",
            "TileCodec",
            "TileIdentity",
            "TileInspector",
            "EncoderOptions",
            "EncodedTile",
            "DecodedTile",
            "format.TileFormat",
            "SampleHash",
            // errors a caller may catch
            "PhotonzipException",
            "MalformedStreamException",
            "UnsupportedFormatException",
            "learned.InvalidModelException",
            // error bounds and the noise model behind them
            "bound.ErrorBound",
            "bound.NoiseModel",
            "bound.NoiseModelFit",
            // learned models: files, inference backends, training samples (model-training implements these)
            "learned.ModelFile",
            "learned.InferenceBackend",
            "learned.JavaInference",
            "learned.IntegerMlp",
            "learned.LearnedInputs",
            "model.ModelResolver",
            "model.LearnedModel",
            "model.TrainingSampler",
            "model.TrainingSet",
            "entropy.ResidualAlphabet");

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
            Path root = Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(root) ? Location.of(root) : Location.of(new JarFile(root.toFile()));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("Cannot locate the classes of " + type, e);
        }
    }

    private static String unmarked(String arrow) {
        return arrow.replace("(", "").replace(")", "");
    }

    private static String packageOf(String layer) {
        return layer.equals(ROOT) ? "org.photonzip" : "org.photonzip." + layer + "..";
    }

    /** The layer a class lies in, or null outside photonzip. */
    private static String layerOf(JavaClass c) {
        String p = c.getPackageName();
        if (p.equals("org.photonzip")) {
            return ROOT;
        }
        if (!p.startsWith("org.photonzip.")) {
            return null;
        }
        String rest = p.substring("org.photonzip.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    @Test
    void eachPackageUsesOnlyThePackagesItsRowNames() {
        LayeredArchitecture layers = layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitectureIgnoring(
                        DescribedPredicate.describe("outside photonzip", c -> layerOf(c) == null));
        for (String layer : USES.keySet()) {
            layers = layers.layer(layer).definedBy(packageOf(layer));
        }
        for (Map.Entry<String, List<String>> row : USES.entrySet()) {
            if (row.getValue().equals(ANY)) {
                continue;
            }
            layers = row.getValue().isEmpty()
                    ? layers.whereLayer(row.getKey()).mayNotAccessAnyLayer()
                    : layers.whereLayer(row.getKey())
                            .mayOnlyAccessLayers(row.getValue().stream()
                                    .map(ArchitectureTest::unmarked)
                                    .toArray(String[]::new));
        }
        layers.because("each package has a row in docs/architecture.md and ArchitectureTest.USES naming the packages "
                        + "it may use: a new package or arrow goes into both, with why")
                .check(classes);
    }

    @Test
    void everyArrowIsUsed() {
        // an arrow no class needs any more is drift too: docs/architecture.md would promise what is not there
        Map<String, Set<String>> used = new TreeMap<>();
        for (JavaClass c : classes) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String from = layerOf(c);
                String to = layerOf(d.getTargetClass());
                if (from != null && to != null && !from.equals(to)) {
                    used.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                }
            }
        }
        // declared: the required arrows, and those on their way out that are still used
        Map<String, Set<String>> declared = new TreeMap<>();
        USES.forEach((from, to) -> {
            Set<String> arrows = new TreeSet<>();
            for (String arrow : to.equals(ANY) ? List.copyOf(used.getOrDefault(from, Set.of())) : to) {
                if (!arrow.startsWith("(") || used.getOrDefault(from, Set.of()).contains(unmarked(arrow))) {
                    arrows.add(unmarked(arrow));
                }
            }
            if (!arrows.isEmpty()) {
                declared.put(from, arrows);
            }
        });
        assertEquals(
                declared,
                used,
                "arrows declared (docs/architecture.md, ArchitectureTest.USES) vs used by "
                        + "the classes: an arrow no class needs any more leaves both");
    }

    @Test
    void docsArchitectureTableIsThisTestsTable() throws IOException {
        Path doc = Path.of("..", "docs", "architecture.md");
        Map<String, List<String>> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(doc)) {
            // | `spark` | the Spark jobs ... | options, archive, ... |
            if (line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                String name = cells[1].trim().replace("`", "");
                String uses = cells[cells.length - 1].trim();
                documented.put(
                        name, uses.equals("—") ? List.of() : uses.equals("any") ? ANY : List.of(uses.split(",\\s*")));
            }
        }
        Map<String, Set<String>> expected = new TreeMap<>();
        USES.forEach((k, v) -> expected.put(k, new TreeSet<>(v)));
        Map<String, Set<String>> actual = new TreeMap<>();
        documented.forEach((k, v) -> actual.put(k, new TreeSet<>(v)));
        assertEquals(expected, actual, "the package table of " + doc + " vs ArchitectureTest.USES");
    }

    @Test
    void otherModulesUseOnlyCodecCoresApi() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.photonzip.codec..")
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are codec-core types outside its API " + new TreeSet<>(CODEC_API),
                        ArchitectureTest::outsideCodecApi))
                .check(classes);
    }

    private static boolean outsideCodecApi(JavaClass c) {
        String name = c.getName();
        if (!name.startsWith("org.photonzip.codec.")) {
            return false;
        }
        String top = name.substring("org.photonzip.codec.".length());
        int nested = top.indexOf('$');
        return !CODEC_API.contains(nested < 0 ? top : top.substring(0, nested));
    }

    @Test
    void codecCoreDependsOnTheJdkAlone() {
        noClasses()
                .that()
                .resideInAPackage("org.photonzip.codec..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("org.photonzip.codec..", "java..")
                .check(classes);
    }

    @Test
    void nothingUsesTheCommandLine() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.photonzip.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.photonzip.cli..")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        // codec-core is held to its own layering (codec-core CodecLayeringTest); here: the job's and training's
        // packages
        slices().matching("org.photonzip.(**)")
                .should()
                .beFreeOfCycles()
                .check(classes.that(
                        DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("org.photonzip.codec.."))));
    }
}
