package org.photonzip.source;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;

/**
 * What each frame is, from a NeXus {@code image_key} (0 projection, 1 flat field, 2 dark field, 3 invalid)
 * found anywhere in the archive's metadata with one entry per frame; null when there is none.
 */
public final class FrameKinds {
    private static final String[] NAMES = {"projection", "flat", "dark", "invalid"};

    private FrameKinds() {}

    public static String[] fromMetadata(Path metadataH5, int frames) {
        try (HdfFile file = new HdfFile(metadataH5)) {
            return search(file, frames);
        } catch (RuntimeException e) {
            return null; // no usable image_key: every frame is plotted alike
        }
    }

    /** The same from an open file (the source itself). */
    public static String[] fromFile(HdfFile file, int frames) {
        try {
            return search(file, frames);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String[] search(Group group, int frames) {
        for (Node node : group.getChildren().values()) {
            if (node instanceof Group g && !node.isLink()) {
                String[] found = search(g, frames);
                if (found != null) {
                    return found;
                }
            } else if (node instanceof Dataset d
                    && "image_key".equals(node.getName())
                    && d.getDimensions().length == 1
                    && d.getDimensions()[0] == frames) {
                Object data = d.getData();
                String[] kinds = new String[frames];
                for (int t = 0; t < frames; t++) {
                    int k = ((Number) Array.get(data, t)).intValue();
                    kinds[t] = k >= 0 && k < NAMES.length ? NAMES[k] : "key " + k;
                }
                return kinds;
            }
        }
        return null;
    }
}
