package org.photonzip.hdf5;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies an HDF5 tree (groups, datasets, attributes; links followed and materialised) into a file being written by
 * jhdf, except one dataset, the stack, which the caller handles ({@link StackHook}). Used twice: at compress time
 * to capture everything but the stack into the archive's {@code metadata.h5}, and at decompress time to copy that
 * back around the restored stack. What cannot be copied (a broken external link, a type jhdf does not write, a
 * dataset above the size limit) is skipped and reported, never silently dropped.
 */
public final class Hdf5TreeCopy {
    private static final int MAX_DEPTH = 32;

    /** Decides which dataset is the stack and writes it (or its placeholder) in the copy. */
    public interface StackHook {
        boolean isStack(Dataset dataset, String path);

        void write(Dataset dataset, String path, WritableGroup parent, String name);
    }

    /** What a copy did and did not copy. */
    public record Report(int groups, int datasets, int attributes, List<String> skipped) {}

    private final StackHook stack;
    private final long maxDatasetBytes;
    private final List<String> skipped = new ArrayList<>();
    private final Set<String> visitedGroups = new HashSet<>();
    private int groups;
    private int datasets;
    private int attributes;

    private Hdf5TreeCopy(StackHook stack, long maxDatasetBytes) {
        this.stack = stack;
        this.maxDatasetBytes = maxDatasetBytes;
    }

    /** Copies {@code source}'s attributes and children into {@code target}. */
    public static Report copy(Group source, WritableGroup target, StackHook stack, long maxDatasetBytes) {
        Hdf5TreeCopy copy = new Hdf5TreeCopy(stack, maxDatasetBytes);
        copy.visitedGroups.add(identity(source));
        copy.copyAttributes(source, target, "/");
        copy.copyChildren(source, target, "", 0);
        return new Report(copy.groups, copy.datasets, copy.attributes, List.copyOf(copy.skipped));
    }

    private void copyChildren(Group source, WritableGroup target, String path, int depth) {
        Map<String, Node> children;
        try {
            children = source.getChildren();
        } catch (HdfException e) {
            skipped.add((path.isEmpty() ? "/" : path) + ": children unreadable (" + e.getMessage() + ")");
            return;
        }
        for (Map.Entry<String, Node> entry : children.entrySet()) {
            String childPath = path + "/" + entry.getKey();
            Node node;
            try {
                node = resolve(entry.getValue());
            } catch (HdfException e) {
                skipped.add(childPath + ": " + describeLink(entry.getValue()) + " cannot be followed (" + rootCause(e)
                        + ")");
                continue;
            }
            if (node instanceof Dataset dataset) {
                copyDataset(dataset, target, entry.getKey(), childPath);
            } else if (node instanceof Group group) {
                if (depth >= MAX_DEPTH || !visitedGroups.add(identity(group))) {
                    skipped.add(childPath + ": " + describeLink(entry.getValue()) + " to a group copied elsewhere");
                    continue;
                }
                WritableGroup child = target.putGroup(entry.getKey());
                groups++;
                copyAttributes(group, child, childPath);
                copyChildren(group, child, childPath, depth + 1);
            } else {
                skipped.add(childPath + ": " + node.getType() + " not copied");
            }
        }
    }

    private void copyDataset(Dataset dataset, WritableGroup target, String name, String path) {
        try {
            if (stack.isStack(dataset, path)) {
                stack.write(dataset, path, target, name);
                return;
            }
            long bytes = dataset.getSizeInBytes();
            if (bytes > maxDatasetBytes) {
                skipped.add(path + ": " + bytes + " bytes, above the " + maxDatasetBytes + "-byte limit for datasets "
                        + "other than the stack");
                return;
            }
            if (dataset.isEmpty() || dataset.isCompound() || dataset.isVariableLength() && !isString(dataset)) {
                skipped.add(path + ": "
                        + (dataset.isEmpty()
                                ? "empty dataset"
                                : dataset.isCompound() ? "compound type" : "variable-length type")
                        + " not copied");
                return;
            }
            Hdf5Values.Writable w = Hdf5Values.of(dataset.getData(), dataset.getDataType());
            WritableDataset out = target.putDataset(name, w.data(), options(dataset, w.unsigned()));
            datasets++;
            copyAttributes(dataset, out, path);
        } catch (HdfException | IllegalArgumentException | ClassCastException e) {
            skipped.add(path + ": " + rootCause(e));
        }
    }

    private static boolean isString(Dataset dataset) {
        return dataset.getJavaType() == String.class;
    }

    /** Keeps the source's chunking and deflate/shuffle for chunked numeric datasets. */
    private static DatasetCreationOptions options(Dataset dataset, boolean unsigned) {
        DatasetCreationOptions.Builder b = DatasetCreationOptions.builder();
        if (unsigned) {
            b.unsigned();
        }
        if (dataset instanceof ChunkedDataset chunked
                && !dataset.isScalar()
                && dataset.getJavaType().isPrimitive()) {
            int[] chunk = chunked.getChunkDimensions();
            int[] dims = dataset.getDimensions();
            if (chunk.length == dims.length) {
                int[] clipped = new int[chunk.length];
                for (int i = 0; i < chunk.length; i++) {
                    clipped[i] = Math.max(1, Math.min(chunk[i], dims[i]));
                }
                b.chunkDimensions(clipped);
                for (PipelineFilterWithData f : chunked.getFilters()) {
                    if (f.getId() == 2) {
                        b.shuffle();
                    } else if (f.getId() == 1) {
                        b.deflate();
                    }
                }
            }
        }
        return b.build();
    }

    private void copyAttributes(Node source, WritableNode target, String path) {
        copyAttributes(source, target, path, Set.of());
    }

    private void copyAttributes(Node source, WritableNode target, String path, Set<String> except) {
        Map<String, Attribute> attrs;
        try {
            attrs = source.getAttributes();
        } catch (HdfException e) {
            skipped.add(path + ": attributes unreadable (" + rootCause(e) + ")");
            return;
        }
        for (Map.Entry<String, Attribute> a : attrs.entrySet()) {
            if (except.contains(a.getKey())) {
                continue;
            }
            try {
                Attribute attribute = a.getValue();
                Hdf5Values.Writable w = Hdf5Values.of(attribute.getData(), attribute.getDataType());
                target.putAttribute(a.getKey(), w.data(), w.unsigned());
                attributes++;
            } catch (HdfException | IllegalArgumentException | ClassCastException e) {
                skipped.add(path + "@" + a.getKey() + ": " + rootCause(e));
            }
        }
    }

    /** Copies the attributes of {@code source} but those named in {@code except}; returns what was skipped. */
    public static List<String> copyAttributesOf(Node source, WritableNode target, String path, Set<String> except) {
        Hdf5TreeCopy copy = new Hdf5TreeCopy(null, 0);
        copy.copyAttributes(source, target, path, except);
        return copy.skipped;
    }

    private static Node resolve(Node node) {
        for (int hops = 0; node instanceof Link && hops < MAX_DEPTH; hops++) {
            node = ((Link) node).getTarget();
        }
        return node;
    }

    private static String describeLink(Node node) {
        return node instanceof Link link ? "link to " + link.getTargetPath() : "object";
    }

    static String identity(Node node) {
        return node.getFileAsPath() + "#" + node.getAddress();
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t.getMessage();
    }
}
