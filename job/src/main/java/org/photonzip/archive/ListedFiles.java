package org.photonzip.archive;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Every file {@code _SUCCESS} lists is present with its listed length; what it does not list is ignored. */
final class ListedFiles {
    private ListedFiles() {}

    static void check(FileSystem fs, Path root, CommitMarker marker, String where) throws IOException {
        for (String required : new String[] {ArchiveLayout.SUMMARY, ArchiveLayout.MANIFEST, ArchiveLayout.METADATA}) {
            if (!marker.files().containsKey(required)) {
                throw new InvalidArchiveException("Invalid archive " + where + ": _SUCCESS does not list " + required);
            }
        }
        Map<String, Long> present = new HashMap<>();
        for (FileStatus s : fs.listStatus(root)) {
            if (s.isFile()) {
                present.put(s.getPath().getName(), s.getLen());
            }
        }
        Path packs = new Path(root, ArchiveLayout.PACKS);
        if (fs.exists(packs)) {
            for (FileStatus s : fs.listStatus(packs)) {
                if (s.isFile()) {
                    present.put(ArchiveLayout.PACKS + "/" + s.getPath().getName(), s.getLen());
                }
            }
        }
        for (Map.Entry<String, FileEntry> f : marker.files().entrySet()) {
            if (f.getKey().equals(ArchiveLayout.REPORT)) {
                continue; // no read of the samples needs it (verify checks it); earlier builds rewrote it in place
            }
            Long length = present.get(f.getKey());
            if (length == null) {
                throw new InvalidArchiveException("Invalid archive " + where + ": " + f.getKey() + " is missing");
            }
            if (length != f.getValue().bytes()) {
                throw new InvalidArchiveException("Invalid archive " + where + ": " + f.getKey() + " has " + length
                        + " bytes, _SUCCESS field bytes says " + f.getValue().bytes());
            }
        }
    }
}
