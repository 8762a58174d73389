package org.photonzip.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.plan.TileShape;
import org.photonzip.spark.H5py;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;

/**
 * Each way a stack can be stored (chunk_fixtures.py: no filter, shuffle, gzip, gzip + shuffle written by the restore
 * itself; gzip + fletcher32 left to the library; contiguous; big- and little-endian, 8- and 16-bit, signed; chunks
 * that do not divide the shape) restored whole and in part, in one band and in bands smaller than the tiles
 * (4-frame tiles that cross the chunks): h5py reads the source's values, dtype, chunks and filters
 * (h5compare.py), and every stored chunk, unfiltered independently (chunkcheck.py), holds those samples.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class ChunkedRestoreTest {
    private static final String STACK = "/entry/data/data";

    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private final SparkSession spark = SPARK.session();
    private Path fixtures;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        H5py.require();
        fixtures = dir;
        H5py.makeChunkFixtures(dir);
    }

    private static Restorer.Result restore(ArchiveReader reader, Path out, Region region, long bandFrames)
            throws IOException {
        long band = bandFrames * 2L * (region.y1() - region.y0()) * (region.x1() - region.x0());
        return Restorer.restore(reader, out.toString(), region, false, 3, UnaryOperator.identity(), band);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "none_le",
                "shuffle_be",
                "gzip_u8",
                "gzip_shuffle_be",
                "gzip_shuffle_i2",
                "gzip_fletcher32",
                "contiguous_be"
            })
    void restoredChunksHoldTheSourcesSamplesWithItsLayout(String name, @TempDir Path dir) throws IOException {
        Path source = fixtures.resolve(name + ".h5");
        String archive = dir.resolve(name + ".pz").toString();
        JobFixtures.compress(spark, source.toString(), STACK, archive, TileShape.parse("4x12x20"), false, false, 0);
        ArchiveReader reader = ArchiveReader.open(archive, new Configuration());
        int[] shape = reader.summary().shape();

        for (long bandFrames : new long[] {1000, 2}) {
            Path whole = dir.resolve("whole-" + bandFrames + ".h5");
            Restorer.Result r = restore(reader, whole, Region.whole(shape), bandFrames);
            H5py.assertSameAsSource(source, whole);
            // Where the CPU went: tiles decoded, the library's writes, and chunk filtering only where the restore
            // lays out and filters chunks itself (not contiguous, not fletcher32, which the library does).
            assertTrue(r.cpu().decode() > 0, "decode " + r.cpu());
            assertTrue(r.cpu().write() > 0, "write " + r.cpu());
            boolean filtersItself = !name.equals("gzip_fletcher32") && !name.equals("contiguous_be");
            assertEquals(filtersItself, r.cpu().filter() > 0, name + " filter " + r.cpu());
            H5py.assertChunksDecode(whole, STACK);
        }

        Path part = dir.resolve("part.h5");
        restore(reader, part, Region.parse("2:13", "3:21,5:38", shape), 3);
        H5py.assertRegionOfSource(source, part, STACK, 2, 13, 3, 21, 5, 38);
        H5py.assertChunksDecode(part, STACK);
    }
}
