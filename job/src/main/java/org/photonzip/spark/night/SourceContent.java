package org.photonzip.spark.night;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.HadoopChannel;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.source.StackDescriptor;
import org.photonzip.source.TiffLayout;
import org.photonzip.source.TiffReferences;

/**
 * What a scan's source files hold that its archive does not, besides what the metadata capture reports itself
 * ({@code metadata.not_captured}): a TIFF frame's tags other than the structural ones, and everything but the
 * stack in the file a NeXus master's stack links into (the capture copies the master, and only the stack of the
 * linked file). Such a source is never deleted: it says why instead.
 */
final class SourceContent {
    private static final int MAX_ITEMS = 5;

    private SourceContent() {}

    /** One line per thing not held (at most a few, with a count of the rest); empty when the archive holds it all. */
    static List<String> notHeld(StackDescriptor stack, Configuration conf) throws IOException {
        if (stack.kind() == StackDescriptor.Kind.TIFF) {
            List<String> out = new ArrayList<>(tiffTags(stack, conf));
            out.addAll(referencesNotHeld(stack.references(), conf));
            return out;
        }
        Path input = HadoopFiles.fileSystem(HadoopFiles.path(stack.input()), conf)
                .makeQualified(HadoopFiles.path(stack.input()));
        Path holder = HadoopFiles.path(stack.file());
        if (holder.equals(input)) {
            return List.of();
        }
        return linkedFile(holder, stack.dataset(), conf);
    }

    /** The first frame with non-structural tags decides: its tags are in no archive file. */
    private static List<String> tiffTags(StackDescriptor stack, Configuration conf) throws IOException {
        for (String file : stack.tiffFiles()) {
            try (HadoopChannel ch = HadoopChannel.open(HadoopFiles.path(file), conf, null)) {
                List<Integer> tags = TiffLayout.parse(file, ch).otherTags();
                if (!tags.isEmpty()) {
                    return List.of("TIFF tags " + tags + " of " + file + " (and perhaps of other frames): "
                            + "the archive holds the frames' samples and names only");
                }
            }
        }
        return List.of();
    }

    /**
     * A flat or dark field's own non-structural tags, and an angles file whose text is more than its numbers (the
     * archive holds the values, not their formatting).
     */
    private static List<String> referencesNotHeld(TiffReferences refs, Configuration conf) throws IOException {
        List<String> out = new ArrayList<>();
        for (String file : refs.files()) {
            if (file.equals(refs.angles())) {
                if (!TiffReferences.anglesTextHeld(file, conf)) {
                    out.add("the formatting of angles file " + file + " (the archive holds its values; a line is "
                            + "not the shortest decimal of its number, or the last lacks its newline)");
                }
                continue;
            }
            try (HadoopChannel ch = HadoopChannel.open(HadoopFiles.path(file), conf, null)) {
                List<Integer> tags = TiffLayout.parseReference(file, ch).otherTags();
                if (!tags.isEmpty()) {
                    out.add("TIFF tags " + tags + " of " + file + ": the archive holds the field's samples only");
                }
            }
        }
        return out;
    }

    /** Everything in {@code holder} but the stack dataset and the plain groups leading to it. */
    private static List<String> linkedFile(Path holder, String stackPath, Configuration conf) throws IOException {
        List<String> found = new ArrayList<>();
        try (HadoopChannel ch = HadoopChannel.open(holder, conf, null);
                HdfFile hdf = new HdfFile(ch, holder.toUri())) {
            walk(hdf, stackPath, found);
        } catch (HdfException e) {
            throw new IOException("Cannot read HDF5 file " + holder + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            return List.of();
        }
        List<String> shown = found.subList(0, Math.min(MAX_ITEMS, found.size()));
        return List.of(holder + ", which holds the stack, also holds " + String.join(", ", shown)
                + (found.size() > shown.size() ? " and " + (found.size() - shown.size()) + " more" : "")
                + ", which the archive does not");
    }

    private static void walk(Group group, String stackPath, List<String> found) {
        String at = group.getPath();
        if (!group.getAttributes().isEmpty()) {
            found.add("attribute(s) " + group.getAttributes().keySet() + " of " + at);
        }
        for (Node child : group.getChildren().values()) {
            String path = child.getPath();
            String bare = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            if (child.isLink()) {
                found.add("link " + bare);
            } else if (child instanceof Group g && (stackPath + "/").startsWith(bare + "/")) {
                walk(g, stackPath, found);
            } else if (!bare.equals(stackPath)) {
                found.add((child instanceof Group ? "group " : "dataset ") + bare);
            }
        }
    }
}
