package org.photonzip.source;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.links.ExternalLink;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.HadoopChannel;

/**
 * Follows a dataset path through HDF5 external links on any Hadoop file system. jhdf resolves an external link
 * by opening a local file next to the linking one, which fails for a NeXus master on HDFS or S3; here the target
 * is opened through a {@link HadoopChannel} relative to the linking file's Hadoop path.
 */
final class RemoteLinks {
    private static final int MAX_HOPS = 12;

    /** The dataset found, and the Hadoop path of the file that holds it. */
    record Resolved(Dataset dataset, Path file) {}

    private RemoteLinks() {}

    /**
     * Resolves {@code datasetPath} from the root of {@code root} (opened from {@code rootPath}); files opened on
     * the way are added to {@code opened} for the caller to close.
     */
    static Resolved resolve(
            HdfFile root, Path rootPath, String datasetPath, Configuration conf, List<AutoCloseable> opened)
            throws IOException {
        Node node = root;
        Path file = rootPath;
        String[] parts = datasetPath.replaceAll("^/+", "").split("/+");
        for (int i = 0, hops = 0; i < parts.length; i++) {
            if (!(node instanceof Group group)) {
                throw missing(datasetPath, rootPath);
            }
            Node child = group.getChild(parts[i]);
            while (child instanceof Link link && hops++ < MAX_HOPS) {
                if (link instanceof ExternalLink external) {
                    String target = external.getTargetPath();
                    int sep = target.indexOf(":/");
                    String targetFile = target.substring(0, sep);
                    Path next = target(file, targetFile);
                    HadoopChannel channel = HadoopChannel.open(next, conf, null);
                    opened.add(channel);
                    HdfFile hdf = new HdfFile(channel, next.toUri());
                    opened.add(hdf);
                    child = hdf.getByPath(target.substring(sep + 1));
                    file = next;
                } else {
                    child = link.getTarget();
                }
            }
            if (child == null) {
                throw missing(datasetPath, rootPath);
            }
            node = child;
        }
        if (!(node instanceof Dataset dataset)) {
            throw new IllegalArgumentException("Invalid dataset: " + datasetPath + " in " + rootPath + " is a group");
        }
        return new Resolved(dataset, file);
    }

    /** The file an external link in {@code file} names as {@code targetFile}: on its file system, beside it. */
    static Path target(Path file, String targetFile) {
        return targetFile.startsWith("/")
                ? new Path(file.toUri().getScheme(), file.toUri().getAuthority(), targetFile)
                : new Path(file.getParent(), targetFile);
    }

    private static IllegalArgumentException missing(String datasetPath, Path file) {
        return new IllegalArgumentException("Invalid dataset: no " + datasetPath + " in " + file);
    }
}
