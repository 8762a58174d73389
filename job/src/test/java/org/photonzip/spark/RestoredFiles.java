package org.photonzip.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.photonzip.restore.Region;
import org.photonzip.source.Hdf5Types;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.source.StackSpec;

/** Compares a restored HDF5 file with its source: the stack value by value, and everything else. */
public final class RestoredFiles {
    private RestoredFiles() {}

    /** Every value of {@code region} of the source stack {@code sourceSpec} equals the restored stack. */
    public static void assertStackEquals(String sourceSpec, Path restored, String stackPath, Region region)
            throws IOException {
        try (StackSource source = StackSources.open(sourceSpec);
                StackSource copy = StackSources.open(StackSpec.of(restored.toString(), stackPath))) {
            int[] dims = region.dims();
            assertEquals(
                    dims[0] + "x" + dims[1] + "x" + dims[2],
                    copy.frames() + "x" + copy.height() + "x" + copy.width(),
                    "restored shape");
            short[] a = new short[dims[1] * dims[2]];
            short[] b = new short[dims[1] * dims[2]];
            for (int t = 0; t < dims[0]; t++) {
                source.read(region.t0() + t, 1, region.y0(), dims[1], region.x0(), dims[2], a);
                copy.read(t, 1, 0, dims[1], 0, dims[2], b);
                if (!Arrays.equals(a, b)) {
                    int i = Arrays.mismatch(a, b);
                    fail("restored frame " + t + " differs at row " + i / dims[2] + " column " + i % dims[2] + ": "
                            + (b[i] & 0xFFFF) + " vs " + (a[i] & 0xFFFF) + " in the source");
                }
            }
        }
    }

    /**
     * The restored stack has the source's dtype and (clipped) chunk shape, and every dataset, group and attribute
     * of the source that could be captured is in the restored file with equal values; {@code notCaptured} lists
     * what the archive reported it could not capture (prefixes of "path: reason").
     */
    public static void assertMetadataEquals(
            Path source, Path restored, String stackPath, int[] expectedChunks, List<String> notCaptured) {
        Set<String> skipped = new HashSet<>();
        for (String s : notCaptured) {
            skipped.add(s.substring(0, s.indexOf(": ")));
        }
        try (HdfFile src = new HdfFile(source);
                HdfFile out = new HdfFile(restored)) {
            Dataset srcStack = (Dataset) resolve(src.getByPath(stackPath));
            Dataset outStack = out.getDatasetByPath(stackPath);
            assertEquals(
                    Hdf5Types.dtypeName(srcStack.getDataType()),
                    Hdf5Types.dtypeName(outStack.getDataType()),
                    "stack dtype");
            if (expectedChunks != null) {
                assertArrayEquals(expectedChunks, ((ChunkedDataset) outStack).getChunkDimensions(), "stack chunks");
            }
            assertAttributesEqual(srcStack, outStack, stackPath, skipped);
            String stackId = srcStack.getFileAsPath() + "#" + srcStack.getAddress();
            int[] compared = new int[1];
            walk(src, out, "", stackId, skipped, compared, new HashSet<>());
            assertTrue(compared[0] > 0 || src.getChildren().size() <= 1, "nothing besides the stack was compared");
        }
    }

    private static void walk(
            Group src,
            HdfFile out,
            String path,
            String stackId,
            Set<String> skipped,
            int[] compared,
            Set<String> seen) {
        if (!seen.add(src.getFileAsPath() + "#" + src.getAddress())) {
            return;
        }
        assertAttributesEqual(src, path.isEmpty() ? out : out.getByPath(path), path.isEmpty() ? "/" : path, skipped);
        for (Map.Entry<String, Node> e : src.getChildren().entrySet()) {
            String p = path + "/" + e.getKey();
            if (skipped.contains(p)) {
                continue;
            }
            Node node;
            try {
                node = resolve(e.getValue());
            } catch (HdfException broken) {
                fail(p + " is a broken link the archive did not report");
                return;
            }
            if (node instanceof Dataset d) {
                if ((d.getFileAsPath() + "#" + d.getAddress()).equals(stackId)) {
                    continue;
                }
                Node copy = out.getByPath(p);
                assertTrue(copy instanceof Dataset, p + " is missing from the restored file");
                assertDatasetEquals(d, (Dataset) copy, p);
                assertAttributesEqual(d, copy, p, skipped);
                compared[0]++;
            } else if (node instanceof Group g) {
                walk(g, out, p, stackId, skipped, compared, seen);
            }
        }
    }

    private static void assertDatasetEquals(Dataset a, Dataset b, String path) {
        if (a.getDataType() instanceof FixedPoint || a.getDataType() instanceof FloatingPoint) {
            assertEquals(Hdf5Types.dtypeName(a.getDataType()), Hdf5Types.dtypeName(b.getDataType()), path + " dtype");
        }
        assertArrayEquals(a.getDimensions(), b.getDimensions(), path + " shape");
        assertTrue(Objects.deepEquals(a.getData(), b.getData()), path + " values differ");
    }

    private static void assertAttributesEqual(Node a, Node b, String path, Set<String> skipped) {
        assertNotNull(b, path + " is missing from the restored file");
        for (Map.Entry<String, Attribute> e : a.getAttributes().entrySet()) {
            if (skipped.contains(path + "@" + e.getKey())) {
                continue;
            }
            Attribute copy = b.getAttribute(e.getKey());
            assertNotNull(copy, path + "@" + e.getKey() + " is missing from the restored file");
            assertTrue(
                    Objects.deepEquals(e.getValue().getData(), copy.getData()), path + "@" + e.getKey() + " differs");
        }
    }

    private static Node resolve(Node n) {
        for (int i = 0; n instanceof Link && i < 12; i++) {
            n = ((Link) n).getTarget();
        }
        return n;
    }
}
