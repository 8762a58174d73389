package org.photonzip.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.Summary;
import org.photonzip.report.SummaryRows;
import org.photonzip.source.StackDescriptor;
import org.photonzip.spark.CompressJob;

/** The summary tables {@code compress} and {@code info} print. */
final class ArchiveTable {
    private ArchiveTable() {}

    static String compressed(CompressJob.Report r) {
        StackDescriptor s = r.stack();
        Summary.Totals t = r.totals();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("archive", r.archive());
        rows.put("digest", "sha256:" + r.digest() + " (SHA-256 of its _SUCCESS; pins every byte of the archive)");
        rows.put("source", s.description());
        rows.put(
                "shape",
                s.shapeString() + " " + s.dtype() + " (" + s.layout()
                        + (s.chunks() == null
                                ? ""
                                : ", chunks " + s.chunks()[0] + " x " + s.chunks()[1] + " x " + s.chunks()[2])
                        + (s.filters().isEmpty() ? "" : ", " + String.join("+", s.filters())) + ")");
        rows.put(
                "tiles",
                String.format(
                        Locale.ROOT,
                        "%d (up to %s) in %d tasks of at most %s",
                        t.tiles(),
                        r.tile(),
                        t.tasks(),
                        bytes(r.taskBytes())));
        rows.put("model", r.model());
        rows.put(
                "mode",
                r.bound() == null
                        ? "lossless"
                        : "ERROR-BOUNDED (LOSSY), " + r.bound().bound().describe());
        rows.put("original size", bytes(t.originalBytes()));
        rows.put("compressed size", bytes(t.compressedBytes()));
        rows.put("bits/pixel", String.format(Locale.ROOT, "%.3f", t.bitsPerPixel()));
        rows.put("ratio", String.format(Locale.ROOT, "%.3f", t.ratio()));
        rows.put("time", String.format(Locale.ROOT, "%.1f s (%.1f MB/s)", t.seconds(), t.megabytesPerSecond()));
        rows.put(
                "read amplification",
                String.format(
                        Locale.ROOT,
                        "%.3f (%s read, the stack occupies %s)",
                        s.readAmplification(t.bytesRead()),
                        bytes(t.bytesRead()),
                        bytes(s.storedBytes())));
        rows.put(
                "verified",
                r.verification() == null
                        ? "no (run photonzip verify, or compress with --verify)"
                        : r.bound() != null
                                ? String.format(
                                        Locale.ROOT,
                                        "yes: %d tiles decoded, every value within its "
                                                + "bound of the source (largest error %d counts) in %.1f s",
                                        r.verification().tiles(),
                                        r.verification().maxError(),
                                        r.verification().seconds())
                                : String.format(
                                        Locale.ROOT,
                                        "yes: %d tiles decoded and matched in %.1f s",
                                        r.verification().tiles(),
                                        r.verification().seconds()));
        if (!r.notCaptured().isEmpty()) {
            rows.put("not captured", r.notCaptured().size() + " item(s) of the source's metadata; see summary.json");
        }
        return format(rows);
    }

    static String info(ArchiveReader archive) throws java.io.IOException {
        long packs = archive.marker().files().keySet().stream()
                .filter(f -> f.startsWith("packs/"))
                .count();
        Map<String, String> rows = new LinkedHashMap<>(
                SummaryRows.of(archive.summary(), archive.root().toString(), packs));
        Map<String, String> sizes = ArchiveSizes.rows(archive);
        Map<String, String> out = new LinkedHashMap<>();
        rows.forEach((k, v) -> {
            out.put(k, sizes.getOrDefault(k, v));
            if (k.equals("archive")) {
                out.put(
                        "digest",
                        "sha256:" + archive.digest() + " (SHA-256 of its _SUCCESS; check it with verify "
                                + "--digest)");
            }
            if (k.equals("ratio")) {
                out.put("archive size", sizes.get("archive size"));
                out.put("archive ratio", sizes.get("archive ratio"));
            }
        });
        return format(out);
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return String.join(" x ", parts);
    }

    static String bytes(long n) {
        return org.photonzip.report.ArchiveBytes.format(n);
    }

    static String format(Map<String, String> rows) {
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        String rule = "-".repeat(width + 2) + "+"
                + "-"
                        .repeat(Math.min(
                                100,
                                rows.values().stream()
                                                .mapToInt(String::length)
                                                .max()
                                                .orElse(0)
                                        + 2)) + "\n";
        sb.append(rule);
        rows.forEach((k, v) -> sb.append(' ')
                .append(k)
                .append(" ".repeat(width - k.length()))
                .append(" | ")
                .append(v)
                .append('\n'));
        sb.append(rule);
        return sb.toString();
    }
}
