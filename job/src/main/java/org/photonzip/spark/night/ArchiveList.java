package org.photonzip.spark.night;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.fs.HadoopFiles;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The archives that {@code verify} and {@code info} are given: each argument is an archive, or a night directory
 * (a directory without {@code _SUCCESS} or {@code summary.json}) whose visible subdirectories are its archives;
 * hidden ({@code .NAME.staging-...}) and {@code _night} entries are not archives.
 */
public final class ArchiveList {
    private ArchiveList() {
    }

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
                if (s.isDirectory() && !name.startsWith(".") && !name.startsWith("_")) {
                    archives.add(s.getPath().toString());
                }
            }
            if (archives.size() == before) {
                throw new IllegalArgumentException("Invalid ARCHIVE " + location + ": a directory without archives");
            }
        }
        return archives;
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
