package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.photonzip.archive.ArchiveDamage;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.codec.PhotonzipException;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.options.ModelChoice;
import org.photonzip.plan.TileShape;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.source.StackSpec;
import org.photonzip.spark.CompressJob;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;
import org.photonzip.spark.VerifyJob;
import picocli.CommandLine;

/**
 * Issue #8's damage classes against both readers: every damaged archive must be refused by verify and by
 * decompress (exit 1, or 3 for a tile failing its checks) with a message naming the file, tile or field; no
 * wrong pixel may be written (the output is absent, or equal to the source), nothing but photonzip's own
 * exceptions may surface, and nothing may hang. The counts are printed and written to target/damage-report.txt.
 * More random bit flips per file: {@code -Dphotonzip.damage.flips=N} (default 2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class DamagedArchivesTest {
    static final Duration LIMIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private final SparkSession spark = SPARK.session();
    private JavaSparkContext jsc;
    private Broadcast<SerializableConfiguration> conf;

    @TempDir
    Path dir;

    private Path input;
    private Path classical;
    private Path learned;
    private short[] source;
    private int run;

    @BeforeAll
    void start(@TempDir Path setup) throws IOException {
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        conf = jsc.broadcast(new SerializableConfiguration(new Configuration()));
        input = JobFixtures.writeStack(setup.resolve("in.h5"), 6, 32, 32, "uint16", null, 7);
        classical = setup.resolve("classical.pz");
        JobFixtures.compress(
                spark, input.toString(), null, classical.toString(), new TileShape(3, 16, 16), false, false, 32L << 10);
        learned = setup.resolve("learned.pz");
        Path model = Path.of("src/test/resources/golden-archives/v1/learned.pz", ArchiveLayout.MODEL);
        CompressJob.run(
                spark,
                new CompressJob.Request(
                        input.toString(),
                        null,
                        learned.toString(),
                        new TileShape(6, 16, 32),
                        ModelChoice.parse(model.toString()).withInference("java"),
                        false,
                        false,
                        0,
                        1L << 30),
                JobFixtures.quiet());
        try (StackSource s = StackSources.open(StackSpec.of(input.toString(), "/entry/data/data"))) {
            source = new short[(int) s.samples()];
            s.read(0, s.frames(), 0, s.height(), 0, s.width(), source);
        }
    }

    @Test
    void everyDamagedArchiveIsRefusedByVerifyAndDecompress() throws IOException {
        assertEquals(0, verify(classical).code(), "the pristine archive verifies");
        assertEquals(0, decompress(classical).code(), "the pristine archive restores");
        List<Damages.Case> cases = new ArrayList<>(Damages.manifestRows());
        cases.addAll(Damages.metadataAndSummary());
        cases.addAll(Damages.sweep(classical, Integer.getInteger("photonzip.damage.flips", 2), 8));
        List<String> problems = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        int[] counts = new int[6];
        for (Damages.Case c : cases) {
            tally(c, classical, counts, problems, lines);
        }
        ModelFile golden = ModelFile.parse(Files.readAllBytes(learned.resolve(ArchiveLayout.MODEL)));
        ModelFile other =
                new ModelFile(golden.network(), golden.locationShift() + 1, golden.scaleShift(), golden.metadata());
        tally(Damages.modelSwapped(other.toBytes()), learned, counts, problems, lines);
        String report = String.format(
                        Locale.ROOT,
                        "damage cases tried %d, refused by verify %d, refused by "
                                + "decompress %d, wrong pixels written %d, foreign exception types %d, hangs %d%n",
                        counts[0],
                        counts[1],
                        counts[2],
                        counts[3],
                        counts[4],
                        counts[5])
                + String.join("\n", problems);
        System.out.println(report);
        Files.writeString(Path.of("target/damage-report.txt"), report + "\n" + String.join("\n", lines) + "\n");
        assertEquals(List.of(), problems, report);
        assertEquals(counts[0], counts[1]);
        assertEquals(counts[0], counts[2]);
    }

    private void tally(Damages.Case c, Path pristine, int[] counts, List<String> problems, List<String> lines)
            throws IOException {
        Path archive = dir.resolve("case-" + (++run) + ".pz");
        ArchiveDamage.copy(pristine, archive);
        c.damage().apply(archive);
        DamageOutcome v = verify(archive);
        DamageOutcome d = decompress(archive);
        counts[0]++;
        counts[1] += v.refused() ? 1 : 0;
        counts[2] += d.refused() ? 1 : 0;
        counts[3] += d.wrongPixels() ? 1 : 0;
        counts[4] += (v.foreign() ? 1 : 0) + (d.foreign() ? 1 : 0);
        counts[5] += (v.hung() ? 1 : 0) + (d.hung() ? 1 : 0);
        for (var o : List.of(Map.entry("verify", v), Map.entry("decompress", d))) {
            DamageOutcome r = o.getValue();
            String what = c.name() + ": " + o.getKey() + " exit " + r.code() + " \"" + r.message() + "\"";
            lines.add(what);
            if (!r.refused() || r.foreign() || r.hung() || r.wrongPixels() || !names(r.message(), c.mentions())) {
                problems.add(what);
            }
        }
    }

    /** The message says what broke: one of the given words (all of them, when given), else some file or tile. */
    private static boolean names(String message, List<String> mentions) {
        String m = message.toLowerCase(Locale.ROOT);
        if (!mentions.isEmpty()) {
            return mentions.stream().allMatch(w -> m.contains(w.toLowerCase(Locale.ROOT)));
        }
        return Arrays.asList(
                        "_success",
                        "summary.json",
                        "manifest",
                        "metadata.h5",
                        "packs/",
                        "tile",
                        "frames.csv",
                        "stages.csv",
                        "model.pzm")
                .stream()
                .anyMatch(m::contains);
    }

    private DamageOutcome verify(Path archive) {
        try {
            return assertTimeoutPreemptively(LIMIT, () -> {
                try {
                    ArchiveReader reader = ArchiveReader.open(archive.toString(), new Configuration());
                    VerifyJob.Result r = VerifyJob.run(jsc, reader, conf, null);
                    return new DamageOutcome(
                            r.ok() ? 0 : ExitCodes.TILE_FAILED,
                            r.ok() ? "" : r.failures().get(0),
                            false,
                            false,
                            false);
                } catch (Throwable t) {
                    boolean own = t instanceof PhotonzipException || t instanceof IOException;
                    return new DamageOutcome(ExitCodes.of(t), Failures.message(t), !own, false, false);
                }
            });
        } catch (AssertionFailedError timeout) {
            return new DamageOutcome(-1, "timed out", false, true, false);
        }
    }

    private DamageOutcome decompress(Path archive) throws IOException {
        Path out = dir.resolve("restored-" + (++run) + ".h5");
        StringWriter err = new StringWriter();
        CommandLine cli = Photonzip.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        int code;
        try {
            code = assertTimeoutPreemptively(
                    LIMIT, () -> cli.execute("decompress", archive.toString(), out.toString()));
        } catch (AssertionFailedError timeout) {
            return new DamageOutcome(-1, "timed out", false, true, Files.exists(out));
        }
        String message = err.toString().trim();
        boolean wrong = Files.exists(out) && (code != 0 || !restoredIsSource(out));
        return new DamageOutcome(code, message, message.contains("internal error"), false, wrong);
    }

    private boolean restoredIsSource(Path out) throws IOException {
        try (StackSource s = StackSources.open(StackSpec.of(out.toString(), "/entry/data/data"))) {
            if (s.samples() != source.length) {
                return false;
            }
            short[] restored = new short[source.length];
            s.read(0, s.frames(), 0, s.height(), 0, s.width(), restored);
            return Arrays.equals(source, restored);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
