package org.photonzip.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.fs.HadoopFiles;

/**
 * The whole archive's size beside the tile streams': every file the commit record lists (at the length it
 * records) and the record itself, split into tile streams (packs), metadata.h5, the coded metadata samples and the
 * rest (manifest, summary, report, model, commit record), with the ratio of the original stack to each.
 */
final class ArchiveSizes {
    private ArchiveSizes() {}

    static Map<String, String> rows(ArchiveReader archive) throws IOException {
        long packs = 0, metadata = 0, samples = 0, other = 0;
        for (var f : archive.marker().files().entrySet()) {
            String name = f.getKey();
            long bytes = f.getValue().bytes();
            if (name.startsWith(ArchiveLayout.PACKS + "/")) {
                packs += bytes;
            } else if (name.equals(ArchiveLayout.METADATA)) {
                metadata += bytes;
            } else if (name.equals(ArchiveLayout.METADATA_SAMPLES)) {
                samples += bytes;
            } else {
                other += bytes;
            }
        }
        FileSystem fs = HadoopFiles.fileSystem(archive.root(), archive.conf());
        other += fs.getFileStatus(new Path(archive.root(), ArchiveLayout.SUCCESS))
                .getLen();
        long total = packs + metadata + samples + other;
        long original = archive.summary().totals().originalBytes();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("compressed size", ArchiveTable.bytes(packs) + " (tile streams)");
        rows.put("ratio", String.format(Locale.ROOT, "%.3f (tile streams)", ratio(original, packs)));
        rows.put(
                "archive size",
                String.format(
                        Locale.ROOT,
                        "%s in %d files: tile streams %s, metadata.h5 %s, "
                                + "metadata samples %s, other %s (%.2f %% of the tile streams)",
                        ArchiveTable.bytes(total),
                        archive.marker().files().size() + 1,
                        ArchiveTable.bytes(packs),
                        ArchiveTable.bytes(metadata),
                        ArchiveTable.bytes(samples),
                        ArchiveTable.bytes(other),
                        packs == 0 ? 0 : 100.0 * other / packs));
        rows.put(
                "archive ratio",
                String.format(Locale.ROOT, "%.3f (original stack / whole archive)", ratio(original, total)));
        return rows;
    }

    private static double ratio(long original, long bytes) {
        return bytes == 0 ? 0 : (double) original / bytes;
    }
}
