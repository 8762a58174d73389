package org.photonzip.spark.night;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.Leftovers;
import org.photonzip.archive.StagingOwner;
import org.photonzip.fs.HadoopFiles;

/**
 * The archives that {@code verify} and {@code info} are given: each argument is an archive, or a night directory
 * (a directory without {@code _SUCCESS} or {@code summary.json}) whose subdirectories are its archives. Every
 * visible subdirectory is listed. One whose name starts with {@code .} or {@code _} is listed by its content: when
 * it holds {@code _SUCCESS} or another archive file (so a damaged {@code _a.pz} is verified, and fails), but not
 * photonzip's own working entries: {@code _night/} (no archive files), a staging or moved-aside directory
 * ({@code .NAME.staging-ID}, {@code .NAME.replaced-ID}), or a directory whose {@code _owner} record says a run is
 * (or was) writing it and that has no {@code _SUCCESS} (a staging directory, a restore's working directory).
 */
public final class ArchiveList {
    /** The files (and the packs directory) whose presence makes a directory an archive, if a damaged one. */
    private static final Set<String> ARCHIVE_FILES = Set.of(
            ArchiveLayout.SUCCESS,
            ArchiveLayout.SUMMARY,
            ArchiveLayout.MANIFEST,
            ArchiveLayout.MANIFEST_CSV,
            ArchiveLayout.METADATA,
            ArchiveLayout.MODEL,
            ArchiveLayout.PACKS);

    private ArchiveList() {}

    public static List<String> of(List<String> locations, Configuration conf) throws IOException {
        List<String> archives = new ArrayList<>();
        for (String location : locations) {
            Path p = HadoopFiles.path(location);
            FileSystem fs = HadoopFiles.fileSystem(p, conf);
            if (!isNightDirectory(fs, p)) {
                archives.add(location);
                continue;
            }
            FileStatus[] entries = fs.listStatus(p);
            Arrays.sort(entries, Comparator.comparing(s -> s.getPath().getName()));
            int before = archives.size();
            for (FileStatus s : entries) {
                String name = s.getPath().getName();
                if (s.isDirectory() && (!hidden(name) || holdsArchive(fs, s.getPath()))) {
                    archives.add(s.getPath().toString());
                }
            }
            if (archives.size() == before) {
                throw new IllegalArgumentException("Invalid ARCHIVE " + location + ": a directory without archives");
            }
        }
        return archives;
    }

    private static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /** A hidden entry that is an archive, committed or damaged, and not a working directory of photonzip's. */
    private static boolean holdsArchive(FileSystem fs, Path dir) throws IOException {
        if (Leftovers.isLeftoverName(dir.getName())) {
            return false;
        }
        if (fs.exists(new Path(dir, ArchiveLayout.SUCCESS))) {
            return true;
        }
        if (StagingOwner.read(fs, dir) != null) {
            return false;
        }
        for (FileStatus e : fs.listStatus(dir)) {
            if (ARCHIVE_FILES.contains(e.getPath().getName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNightDirectory(FileSystem fs, Path p) throws IOException {
        try {
            if (!fs.getFileStatus(p).isDirectory()) {
                return false;
            }
        } catch (FileNotFoundException e) {
            return false;
        }
        return !fs.exists(new Path(p, ArchiveLayout.SUCCESS)) && !fs.exists(new Path(p, ArchiveLayout.SUMMARY));
    }
}
