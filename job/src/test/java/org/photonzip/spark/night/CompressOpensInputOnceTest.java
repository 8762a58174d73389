package org.photonzip.spark.night;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.Summary;
import org.photonzip.options.BoundRequest;
import org.photonzip.options.ModelChoice;
import org.photonzip.plan.TileShape;
import org.photonzip.source.InputStack;
import org.photonzip.spark.CompressJob;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;

/**
 * The compress driver goes forward only: one open of the input per scan (before, twice, and three times when
 * error-bounded: the night's ScanRun, CompressJob and the quality pass each opened it) and no parse of
 * summary.json (before, it was written and read back for the report). The summary written is the one a reader
 * parses: writing it again gives the same bytes.
 */
@Tag("slow")
class CompressOpensInputOnceTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    @Test
    void aLosslessCompressOpensItsInputOnceAndParsesNoSummary(@TempDir Path dir) throws IOException {
        Path input = JobFixtures.writeStack(dir.resolve("scan.h5"), 12, 40, 48, "uint16", new int[] {4, 20, 24}, 7);
        compressOnce(input, dir.resolve("lossless.pz"), BoundRequest.LOSSLESS);
    }

    @Test
    void aBoundedCompressOpensItsInputOnceAndParsesNoSummary(@TempDir Path dir) throws IOException {
        Path input = JobFixtures.writeStack(dir.resolve("scan.h5"), 12, 40, 48, "uint16", new int[] {4, 20, 24}, 8);
        Summary s = compressOnce(input, dir.resolve("bounded.pz"), BoundRequest.parse("6", null));
        assertNotNull(s.bound(), "the summary records the bound");
    }

    @Test
    void aNightsScanOpensItsInputOnceAndParsesNoSummary(@TempDir Path dir) throws IOException {
        Path input = JobFixtures.writeStack(
                Files.createDirectories(dir.resolve("raw")).resolve("scan.h5"),
                12,
                40,
                48,
                "uint16",
                new int[] {4, 20, 24},
                9);
        NightInputs.Plan plan = NightInputs.plan(
                List.of(input.toString()),
                dir.resolve("night") + "/",
                SPARK.session().sparkContext().hadoopConfiguration());
        NightOptions options = new NightOptions(
                false,
                false,
                scan -> new CompressJob.Request(
                        scan.input(),
                        null,
                        scan.archive(),
                        new TileShape(6, 20, 24),
                        ModelChoice.parse("classical"),
                        true,
                        false,
                        0,
                        1L << 30,
                        BoundRequest.parse("6", null)),
                e -> String.valueOf(e.getMessage()),
                r -> {});
        long opens = InputStack.opens();
        long parses = Summary.parses();
        NightRun.Outcome o =
                NightRun.run(SPARK.session(), plan.scans(), plan.nightDirectory(), options, JobFixtures.quiet());
        assertEquals(
                List.of("done"),
                o.records().stream().map(ScanRecord::status).toList(),
                o.records().toString());
        assertEquals(1, InputStack.opens() - opens, "driver opens of the input in one night's scan");
        assertEquals(0, Summary.parses() - parses, "summary.json parses in one night's scan");
    }

    private Summary compressOnce(Path input, Path archive, BoundRequest bound) throws IOException {
        long opens = InputStack.opens();
        long parses = Summary.parses();
        CompressJob.run(
                SPARK.session(),
                new CompressJob.Request(
                        input.toString(),
                        null,
                        archive.toString(),
                        new TileShape(6, 20, 24),
                        ModelChoice.parse("classical"),
                        true,
                        false,
                        0,
                        1L << 30,
                        bound),
                JobFixtures.quiet());
        assertEquals(1, InputStack.opens() - opens, "driver opens of the input in one compress");
        assertEquals(0, Summary.parses() - parses, "summary.json parses in one compress");

        ArchiveReader reader = ArchiveReader.open(archive.toString(), new Configuration());
        byte[] written = Files.readAllBytes(archive.resolve(ArchiveLayout.SUMMARY));
        assertArrayEquals(written, reader.summary().toJson(), "the parsed summary writes the same bytes");
        return reader.summary();
    }
}
