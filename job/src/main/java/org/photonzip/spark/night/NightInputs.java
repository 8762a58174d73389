package org.photonzip.spark.night;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.archive.ArchiveDirectory;
import org.photonzip.fs.HadoopFiles;

/**
 * Turns INPUT... ARCHIVE as users type them into scans, on every Hadoop file system (globs through
 * {@code globStatus}, which no shell expands for hdfs:// or s3a://):
 * <ul>
 *   <li>a file is one scan; a glob or directory of HDF5/NeXus files is one scan per file;</li>
 *   <li>a glob whose matches are all TIFF frames, or a directory of TIFF frames, is one TIFF series (one scan per
 *       directory when the glob spans several); TIFF frames mixed with other files are refused.</li>
 * </ul>
 * ARCHIVE is the archive itself only for one INPUT naming one file or TIFF series, when ARCHIVE does not end in
 * "/" and is not an existing directory other than a photonzip archive; otherwise it is the night directory,
 * which receives {@code NAME.pz} per scan.
 * <p>
 * Nothing in or of an archive is ever a scan: a glob's match or a listed directory that is (or looks like) an
 * archive is left out with a note, and an INPUT naming one, or a file inside one, is refused. A directory left
 * without HDF5 files or TIFF frames (a re-run after its sources were deleted) is reported like a glob that matches
 * nothing.
 */
public final class NightInputs {
    /**
     * The scans, and the night directory (null when ARCHIVE is the single archive); the inputs that named no
     * scan; what was left out and why (archives among a glob's matches).
     */
    public record Plan(List<Scan> scans, String nightDirectory, List<String> unmatched, List<String> notes) {
        public Plan(List<Scan> scans, String nightDirectory, List<String> unmatched) {
            this(scans, nightDirectory, unmatched, List.of());
        }
    }

    static final Set<String> HDF5 = Set.of("h5", "hdf5", "hdf", "nxs", "nx5", "nx", "he5");

    private NightInputs() {}

    public static Plan plan(List<String> inputs, String archive, Configuration conf) throws IOException {
        Map<String, Boolean> scans = new LinkedHashMap<>(); // input -> named as a set (glob or directory of scans)
        List<String> unmatched = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String input : inputs) {
            expand(input, conf, scans, unmatched, notes);
        }
        boolean single = inputs.size() == 1
                && scans.size() == 1
                && !scans.values().iterator().next()
                && !archive.endsWith("/")
                && !isNightDirectory(archive, conf);
        if (single) {
            return new Plan(
                    List.of(new Scan(scans.keySet().iterator().next(), archive)), null, unmatched, List.copyOf(notes));
        }
        String dir = archive.replaceAll("/+$", "");
        List<Scan> list = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String input : scans.keySet()) {
            String name = archiveName(input);
            if (!names.add(name)) {
                throw new IllegalArgumentException(
                        "Invalid inputs: two of them would both be archived as " + dir + "/" + name);
            }
            list.add(new Scan(input, dir + "/" + name));
        }
        return new Plan(List.copyOf(list), dir, List.copyOf(unmatched), List.copyOf(notes));
    }

    /** {@code /data/scan_001.h5} -> {@code scan_001.pz}; a TIFF directory {@code tiffs/} -> {@code tiffs.pz}. */
    public static String archiveName(String input) {
        String name = HadoopFiles.path(input.replaceAll("/+$", "")).getName();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return base.replaceAll("[*?\\[\\]{}]", "_") + ".pz";
    }

    /** An existing directory that is not a photonzip archive (empty, or holding archives or anything else). */
    private static boolean isNightDirectory(String archive, Configuration conf) throws IOException {
        Path p = HadoopFiles.path(archive);
        ArchiveDirectory.State s = ArchiveDirectory.classify(HadoopFiles.fileSystem(p, conf), p);
        return s == ArchiveDirectory.State.EMPTY || s == ArchiveDirectory.State.FOREIGN;
    }

    private static void expand(
            String input, Configuration conf, Map<String, Boolean> scans, List<String> unmatched, List<String> notes)
            throws IOException {
        Path path = HadoopFiles.path(input);
        FileSystem fs = HadoopFiles.fileSystem(path, conf);
        if (isGlob(path.toUri().getPath())) {
            FileStatus[] found = fs.globStatus(path);
            if (found == null || found.length == 0) {
                unmatched.add(input);
                return;
            }
            FileStatus[] matches = withoutArchives(fs, found, notes);
            if (matches.length == 0) {
                return;
            }
            Arrays.sort(matches, Comparator.comparing(s -> s.getPath().toString()));
            List<FileStatus> tiffs =
                    Arrays.stream(matches).filter(NightInputs::isTiff).toList();
            if (tiffs.size() == matches.length) {
                tiffSeries(input, path, tiffs, scans);
                return;
            }
            if (!tiffs.isEmpty()) {
                throw new IllegalArgumentException("Invalid input " + input + ": it matches TIFF frames ("
                        + tiffs.get(0).getPath().getName() + ") and other files; name them separately");
            }
            for (FileStatus m : matches) {
                if (m.isDirectory()) {
                    if (!directory(m.getPath().toString(), fs, m.getPath(), scans)) {
                        unmatched.add(m.getPath().toString());
                    }
                } else {
                    scans.put(m.getPath().toString(), true);
                }
            }
            return;
        }
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            scans.put(input, false); // reported as a failed scan: no such file
            return;
        }
        Path archive = ArchiveLike.archiveHolding(fs, status);
        if (archive != null) {
            throw new IllegalArgumentException("Invalid input " + input + ": "
                    + (archive.equals(status.getPath()) ? "it is" : "it is inside") + " the photonzip archive "
                    + archive + "; an archive's files are never a scan");
        }
        if (status.isDirectory()) {
            if (!directory(input, fs, path, scans)) {
                unmatched.add(input);
            }
        } else {
            scans.put(input, false);
        }
    }

    /** The matches but archives and files inside one, each left out with a note. */
    private static FileStatus[] withoutArchives(FileSystem fs, FileStatus[] matches, List<String> notes)
            throws IOException {
        List<FileStatus> kept = new ArrayList<>();
        ArchiveLike archives = new ArchiveLike(fs);
        for (FileStatus m : matches) {
            Path archive = archives.holding(m);
            if (archive == null) {
                kept.add(m);
            } else if (archive.equals(m.getPath())) {
                notes.add("left out " + m.getPath() + ": a photonzip archive, not a scan");
            } else {
                notes.add("left out " + m.getPath() + ": inside the photonzip archive " + archive + ", not a scan");
            }
        }
        return kept.toArray(new FileStatus[0]);
    }

    /** One series per directory the frames sit in, each named by the glob's last component there. */
    private static void tiffSeries(String input, Path pattern, List<FileStatus> tiffs, Map<String, Boolean> scans) {
        Set<Path> parents = new java.util.LinkedHashSet<>();
        tiffs.forEach(t -> parents.add(t.getPath().getParent()));
        if (parents.size() == 1 && !isGlob(pattern.getParent().toUri().getPath())) {
            scans.put(input, false);
            return;
        }
        for (Path parent : parents) {
            scans.put(new Path(parent, pattern.getName()).toString(), true);
        }
    }

    /** @return false when {@code dir} holds no scan (no HDF5 file nor TIFF frame) */
    private static boolean directory(String input, FileSystem fs, Path dir, Map<String, Boolean> scans)
            throws IOException {
        FileStatus[] entries = fs.listStatus(dir);
        Arrays.sort(entries, Comparator.comparing(s -> s.getPath().getName()));
        List<FileStatus> hdf = Arrays.stream(entries)
                .filter(s -> s.isFile() && HDF5.contains(extension(s)))
                .toList();
        boolean tiff = Arrays.stream(entries).anyMatch(NightInputs::isTiff);
        if (tiff && !hdf.isEmpty()) {
            throw new IllegalArgumentException("Invalid input " + input + ": it holds both TIFF frames and HDF5/NeXus "
                    + "files; name the files with a glob instead");
        }
        if (tiff) {
            scans.put(input, false);
            return true;
        }
        hdf.forEach(h -> scans.put(h.getPath().toString(), true));
        return !hdf.isEmpty();
    }

    private static boolean isTiff(FileStatus s) {
        String e = extension(s);
        return s.isFile() && (e.equals("tif") || e.equals("tiff"));
    }

    private static String extension(FileStatus s) {
        String name = s.getPath().getName();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static boolean isGlob(String path) {
        return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0 || path.indexOf('{') >= 0;
    }
}
