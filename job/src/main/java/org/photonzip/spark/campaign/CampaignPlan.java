package org.photonzip.spark.campaign;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.spark.night.ArchiveList;

/**
 * Turns {@code decompress ARCHIVE... OUTPUT} as users type it into restores, on every Hadoop file system. Each
 * ARCHIVE is what {@code verify} takes (an archive or a night directory, {@link ArchiveList}) or a glob of them
 * (expanded through {@code globStatus}, which no shell does for hdfs:// or s3a://). With one archive named as
 * such, OUTPUT is the restored file, unless it ends in "/" or is an existing directory; otherwise OUTPUT is a
 * directory that receives {@code NAME.h5} per archive ({@code scan_001.pz} -> {@code scan_001.h5}), and two
 * archives that would be restored under the same name are refused before any work.
 */
public final class CampaignPlan {
    /** One restore: the archive, and the file it is restored to. */
    public record Item(String archive, String output) implements Serializable {}

    /**
     * @param outputDirectory null when OUTPUT is the one restored file
     * @param many            several archives were named (a glob, a night directory or several ARCHIVEs)
     * @param unmatched       globs that matched nothing
     */
    public record Plan(List<Item> items, String outputDirectory, boolean many, List<String> unmatched) {}

    private static final Set<String> ARCHIVE_FILES = Set.of(
            ArchiveLayout.SUCCESS,
            ArchiveLayout.SUMMARY,
            ArchiveLayout.MANIFEST,
            ArchiveLayout.MANIFEST_CSV,
            ArchiveLayout.METADATA,
            ArchiveLayout.MODEL,
            ArchiveLayout.PACKS);

    private CampaignPlan() {}

    public static Plan plan(List<String> archives, String output, Configuration conf) throws IOException {
        List<String> found = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        boolean many = archives.size() > 1;
        for (String archive : archives) {
            Path p = HadoopFiles.path(archive);
            if (!isGlob(p.toUri().getPath())) {
                List<String> listed =
                        holdsArchiveFiles(p, conf) ? List.of(archive) : ArchiveList.of(List.of(archive), conf);
                many |= !listed.equals(List.of(archive));
                found.addAll(listed);
                continue;
            }
            many = true;
            FileStatus[] matches = HadoopFiles.fileSystem(p, conf).globStatus(p);
            if (matches == null || matches.length == 0) {
                unmatched.add(archive);
                continue;
            }
            Arrays.sort(matches, Comparator.comparing(s -> s.getPath().toString()));
            for (FileStatus m : matches) {
                found.addAll(ArchiveList.of(List.of(m.getPath().toString()), conf));
            }
        }
        if (!many && !output.endsWith("/") && !isDirectory(output, conf)) {
            return new Plan(List.of(new Item(found.get(0), output)), null, false, List.copyOf(unmatched));
        }
        String dir = output.length() > 1 ? output.replaceAll("/+$", "") : output;
        Map<String, String> byName = new LinkedHashMap<>();
        List<Item> items = new ArrayList<>();
        for (String archive : found) {
            String name = restoredName(archive);
            String before = byName.putIfAbsent(name, archive);
            if (before != null) {
                throw new IllegalArgumentException("Invalid ARCHIVE: " + before + " and " + archive
                        + " would both be restored as " + dir + "/" + name);
            }
            items.add(new Item(archive, dir + "/" + name));
        }
        return new Plan(List.copyOf(items), dir, many, List.copyOf(unmatched));
    }

    /** {@code night/scan_001.pz} -> {@code scan_001.h5}; an archive named without {@code .pz} keeps its name. */
    public static String restoredName(String archive) {
        String name = HadoopFiles.path(archive.replaceAll("/+$", "")).getName();
        return (name.endsWith(".pz") && name.length() > 3 ? name.substring(0, name.length() - 3) : name) + ".h5";
    }

    private static boolean isDirectory(String location, Configuration conf) throws IOException {
        Path p = HadoopFiles.path(location);
        FileSystem fs = HadoopFiles.fileSystem(p, conf);
        try {
            return fs.getFileStatus(p).isDirectory();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    /**
     * A directory holding archive files itself is an archive, if a damaged one (no {@code _SUCCESS} nor
     * {@code summary.json}): restoring it must fail with what is wrong with it, not list its packs as archives.
     */
    private static boolean holdsArchiveFiles(Path p, Configuration conf) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(p, conf);
        try {
            if (!fs.getFileStatus(p).isDirectory()) {
                return false;
            }
            for (FileStatus e : fs.listStatus(p)) {
                if (ARCHIVE_FILES.contains(e.getPath().getName())) {
                    return true;
                }
            }
            return false;
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    static boolean isGlob(String path) {
        return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0 || path.indexOf('{') >= 0;
    }
}
