package org.photonzip.source;

import static org.photonzip.source.InputStack.PLACEHOLDER_ATTRIBUTE;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.photonzip.hdf5.Hdf5TreeCopy;

/**
 * The metadata capture where the HDF5 library does not load: jhdf reads the input and writes {@code metadata.h5}
 * (its writer's fidelity: fixed-length strings, little-endian types, links materialised as copies; nothing coded),
 * with a one-sample placeholder carrying the stack's attributes at the stack's path. A TIFF series gets a NeXus
 * skeleton and its frames' file names.
 */
final class JhdfCapture {
    private final StackDescriptor descriptor;
    private final HdfFile hdf; // null for TIFF
    private final Dataset dataset; // null for TIFF

    JhdfCapture(StackDescriptor descriptor, HdfFile hdf, Dataset dataset) {
        this.descriptor = descriptor;
        this.hdf = hdf;
        this.dataset = dataset;
    }

    Hdf5TreeCopy.Report capture(java.nio.file.Path file, long maxDatasetBytes) {
        try (WritableHdfFile out = HdfFile.write(file)) {
            if (hdf == null) {
                return tiffSkeleton(out);
            }
            String stackId = identity(dataset);
            boolean[] written = new boolean[1];
            Hdf5TreeCopy.Report report = Hdf5TreeCopy.copy(
                    hdf,
                    out,
                    new Hdf5TreeCopy.StackHook() {
                        @Override
                        public boolean isStack(Dataset candidate, String path) {
                            return identity(candidate).equals(stackId);
                        }

                        @Override
                        public void write(Dataset stack, String path, WritableGroup parent, String name) {
                            stackPlaceholder(parent, name, path);
                            written[0] = true;
                        }
                    },
                    maxDatasetBytes);
            if (written[0]) {
                return report;
            }
            // The walk did not reach the stack (an external link it could not follow on this file system):
            // put the placeholder at the stack's path, which is not missing metadata.
            WritableGroup parent = out;
            String[] parts = descriptor.datasetPath().replaceAll("^/+", "").split("/+");
            for (int i = 0; i < parts.length - 1; i++) {
                parent = parent.getChild(parts[i]) instanceof WritableGroup g ? g : parent.putGroup(parts[i]);
            }
            stackPlaceholder(parent, parts[parts.length - 1], descriptor.datasetPath());
            List<String> skipped = new ArrayList<>();
            for (String s : report.skipped()) {
                if (!s.startsWith(descriptor.datasetPath() + ": ")) {
                    skipped.add(s);
                }
            }
            return new Hdf5TreeCopy.Report(
                    report.groups(), report.datasets(), report.attributes(), List.copyOf(skipped));
        }
    }

    private void stackPlaceholder(WritableGroup parent, String name, String path) {
        WritableDataset placeholder = placeholder(parent, name);
        Hdf5TreeCopy.copyAttributesOf(dataset, placeholder, path, java.util.Set.of());
        placeholder.putAttribute(PLACEHOLDER_ATTRIBUTE, path);
    }

    private Hdf5TreeCopy.Report tiffSkeleton(WritableHdfFile out) {
        WritableGroup entry = out.putGroup("entry");
        entry.putAttribute("NX_class", "NXentry");
        entry.putAttribute("default", "data");
        WritableGroup data = entry.putGroup("data");
        data.putAttribute("NX_class", "NXdata");
        data.putAttribute("signal", "data");
        placeholder(data, "data").putAttribute(PLACEHOLDER_ATTRIBUTE, descriptor.datasetPath());
        String[] names =
                descriptor.tiffFiles().stream().map(u -> new Path(u).getName()).toArray(String[]::new);
        data.putDataset("source_files", names);
        return new Hdf5TreeCopy.Report(2, 1, 5, List.of());
    }

    private WritableDataset placeholder(WritableGroup parent, String name) {
        boolean unsigned = descriptor.dtype().startsWith("u");
        Object sample = descriptor.elementSize() == 1 ? new byte[1][1][1] : new short[1][1][1];
        return parent.putDataset(
                name,
                sample,
                unsigned
                        ? io.jhdf.api.DatasetCreationOptions.builder()
                                .unsigned()
                                .build()
                        : io.jhdf.api.DatasetCreationOptions.DEFAULT);
    }

    private static String identity(Dataset d) {
        return d.getFileAsPath() + "#" + d.getAddress();
    }
}
