package org.photonzip.source;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfBrokenLinkException;
import io.jhdf.exceptions.HdfException;
import io.jhdf.exceptions.HdfInvalidPathException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the projection dataset of an HDF5 / NeXus file. Links (soft and external) are followed, so a NeXus master
 * file that links to the detector's file works; links whose target is missing are skipped while searching. Paths
 * are reported as seen from the opened file, not from a linked one.
 */
public final class Hdf5DatasetLocator {
    /** Where detectors and converters usually put the frames: NeXus NXdata / NXdetector, then Data Exchange. */
    static final List<String> WELL_KNOWN_PATHS = List.of(
            "/entry/data/data", "/entry/instrument/detector/data", "/entry/detector/detector", "/exchange/data");

    /** Deep enough for any real layout, and it stops a link cycle. */
    private static final int MAX_DEPTH = 12;

    /** A dataset and the path that reached it. */
    public record Found(String path, Dataset dataset) {}

    private Hdf5DatasetLocator() {}

    /** The dataset at {@code path}, which must exist (after following links) and be a dataset. */
    public static Found byPath(HdfFile file, String path) throws IOException {
        Node node;
        try {
            node = resolve(file.getByPath(path));
        } catch (HdfBrokenLinkException e) {
            throw new IOException("Cannot follow link " + path + " in " + file.getFile() + ": " + e.getMessage(), e);
        } catch (HdfInvalidPathException e) {
            throw new IllegalArgumentException(
                    "Invalid dataset: no " + path + " in " + file.getFile() + describeCandidates(file), e);
        }
        if (!(node instanceof Dataset)) {
            throw new IllegalArgumentException("Invalid dataset: " + path + " in " + file.getFile()
                    + " is a group, not a dataset" + describeCandidates(file));
        }
        return new Found(path, (Dataset) node);
    }

    /**
     * The stack dataset of a file given without a dataset path: a well-known path if present, else a NeXus NXdata
     * group's 3-D signal (following the files' {@code default} attributes first), else the first 3-D integer
     * dataset. A well-known path or NeXus signal is returned even when its type is unsupported, so the caller
     * reports that rather than silently archiving some other dataset.
     */
    public static Found find(HdfFile file) {
        for (String path : WELL_KNOWN_PATHS) {
            if (tryPath(file, path) instanceof Dataset) {
                return new Found(path, (Dataset) tryPath(file, path));
            }
        }
        Found signal = defaultSignal(file);
        if (signal == null) {
            List<Found> signals = new ArrayList<>();
            walk(
                    file,
                    "",
                    (group, path) -> {
                        Found s = signalOf(group, path);
                        return s != null && s.dataset().getDimensions().length == 3 ? s : null;
                    },
                    d -> false,
                    signals,
                    1);
            signal = signals.isEmpty() ? null : signals.get(0);
        }
        if (signal != null) {
            return signal;
        }
        List<Found> found = new ArrayList<>();
        walk(file, "", (g, p) -> null, Hdf5Types::isStackDataset, found, 1);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        throw new UnsupportedStackException(
                "No 3-D integer dataset found in " + file.getFile() + "; name one as FILE:/path/to/dataset");
    }

    /** Follows NeXus {@code default} attributes from the root to an NXdata group and returns its 3-D signal. */
    private static Found defaultSignal(HdfFile file) {
        Group group = file;
        String path = "";
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            String next = stringAttribute(group, "default");
            Node child = next == null || next.contains("/") ? null : child(group, next);
            if (!(child instanceof Group)) {
                break;
            }
            group = (Group) child;
            path = path + "/" + next;
        }
        Found signal = signalOf(group, path);
        return signal != null && signal.dataset().getDimensions().length == 3 ? signal : null;
    }

    private static Found signalOf(Group group, String path) {
        if (!"NXdata".equals(stringAttribute(group, "NX_class"))) {
            return null;
        }
        String signal = stringAttribute(group, "signal");
        Node node = signal == null || signal.contains("/") ? null : child(group, signal);
        return node instanceof Dataset ? new Found(path + "/" + signal, (Dataset) node) : null;
    }

    /** What a walk takes from a group, or null to look further. */
    private interface GroupProbe {
        Found probe(Group group, String path);
    }

    /** Depth-first, in the file's child order: collects up to {@code limit} groups' probes and wanted datasets. */
    private static void walk(
            HdfFile file, String rootPath, GroupProbe probe, Predicate<Dataset> wanted, List<Found> out, int limit) {
        walk(file, rootPath, probe, wanted, out, limit, new HashSet<>(), 0);
    }

    private static void walk(
            Group group,
            String path,
            GroupProbe probe,
            Predicate<Dataset> wanted,
            List<Found> out,
            int limit,
            Set<String> seen,
            int depth) {
        if (depth > MAX_DEPTH || out.size() >= limit || !seen.add(identity(group))) {
            return;
        }
        Found here = probe.probe(group, path);
        if (here != null) {
            out.add(here);
        }
        for (Map.Entry<String, Node> entry : group.getChildren().entrySet()) {
            if (out.size() >= limit) {
                return;
            }
            Node child = resolveQuietly(entry.getValue());
            String childPath = path + "/" + entry.getKey();
            if (child instanceof Dataset && wanted.test((Dataset) child)) {
                out.add(new Found(childPath, (Dataset) child));
            } else if (child instanceof Group) {
                walk((Group) child, childPath, probe, wanted, out, limit, seen, depth + 1);
            }
        }
    }

    /** Up to a few 3-D datasets of the file, to make a "no such dataset" message actionable. */
    private static String describeCandidates(HdfFile file) {
        List<Found> found = new ArrayList<>();
        walk(file, "", (g, p) -> null, d -> d.getDimensions().length == 3, found, 5);
        if (found.isEmpty()) {
            return " (it has no 3-D dataset)";
        }
        StringBuilder sb = new StringBuilder(" (3-D datasets:");
        for (Found f : found) {
            sb.append(' ')
                    .append(f.path())
                    .append(' ')
                    .append(Hdf5Types.dtypeName(f.dataset().getDataType()))
                    .append(Arrays.toString(f.dataset().getDimensions()));
        }
        return sb.append(')').toString();
    }

    /** The node at {@code path} with links resolved, or null when there is none or a link is broken. */
    private static Node tryPath(HdfFile file, String path) {
        try {
            return resolveQuietly(file.getByPath(path));
        } catch (HdfInvalidPathException | HdfBrokenLinkException e) {
            return null;
        }
    }

    /** A named child of {@code group} with links resolved; null when absent or behind a broken link. */
    private static Node child(Group group, String name) {
        try {
            return resolveQuietly(group.getChild(name));
        } catch (HdfInvalidPathException e) {
            return null;
        }
    }

    /** Resolves links; null for a broken one. Other errors mean a corrupt file and propagate. */
    private static Node resolveQuietly(Node node) {
        try {
            return resolve(node);
        } catch (HdfBrokenLinkException e) {
            return null;
        }
    }

    private static Node resolve(Node node) {
        for (int hops = 0; node instanceof Link && hops < MAX_DEPTH; hops++) {
            node = ((Link) node).getTarget();
        }
        return node;
    }

    private static String identity(Node node) {
        return node.getFileAsPath() + "#" + node.getAddress();
    }

    private static String stringAttribute(Node node, String name) {
        try {
            Attribute attribute = node.getAttribute(name);
            if (attribute == null) {
                return null;
            }
            Object data = attribute.getData();
            if (data instanceof String[]) {
                String[] values = (String[]) data;
                return values.length == 0 ? null : values[0];
            }
            return data instanceof String ? (String) data : null;
        } catch (HdfException e) {
            // An attribute of a type jhdf cannot decode is no NeXus hint we could use.
            return null;
        }
    }
}
