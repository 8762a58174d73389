package org.photonzip.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.photonzip.archive.Summary;

/** The label/value rows that describe an archive, from its summary.json: for {@code info} and the report. */
public final class SummaryRows {
    private SummaryRows() {}

    public static Map<String, String> of(Summary s, String root, long packs) {
        Summary.Source src = s.source();
        Summary.Figures t = s.totals();
        Summary.Metadata meta = s.metadata();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("archive", root);
        rows.put("archive id", s.archiveId());
        rows.put("created", s.created());
        rows.put("source", src.input() + ":" + src.dataset());
        rows.put(
                "shape",
                join(src.shape()) + " " + src.dtype() + " (" + src.layout()
                        + (src.chunks() != null ? ", chunks " + join(src.chunks()) : "")
                        + (!src.filters().isEmpty() ? ", " + String.join("+", src.filters()) : "") + ")");
        rows.put("tiles", s.tiles().count() + " (up to " + join(s.tiles().maxShape()) + ") in " + packs + " packs");
        String hash = s.codec().modelSha256();
        rows.put("model", s.codec().modelId() + (hash == null ? "" : " (sha256 " + hash + ")"));
        rows.putAll(BoundRows.of(s));
        rows.put(
                "format",
                "archive v" + s.formatVersion() + ", tile streams v" + s.codec().tileFormatVersion());
        rows.put("original size", ArchiveBytes.format(t.originalBytes()));
        rows.put("compressed size", ArchiveBytes.format(t.compressedBytes()));
        rows.put("bits/pixel", String.format(Locale.ROOT, "%.3f", t.bitsPerPixel()));
        rows.put("ratio", String.format(Locale.ROOT, "%.3f", t.ratio()));
        rows.put(
                "time",
                String.format(
                        Locale.ROOT,
                        "%.1f s (%.1f MB/s, read amplification %.3f)",
                        t.seconds(),
                        t.mbPerSecond(),
                        t.readAmplification()));
        rows.put("verified at compress", t.verified() ? "yes" : "no");
        int notCaptured = meta.notCaptured() == null ? 0 : meta.notCaptured().size();
        rows.put(
                "metadata",
                meta.groups() + " groups, " + meta.datasets() + " datasets, " + meta.attributes() + " attributes"
                        + (notCaptured == 0 ? "" : "; not captured: " + notCaptured));
        return rows;
    }

    private static String join(int[] values) {
        List<String> parts = new ArrayList<>();
        for (int v : values) {
            parts.add(Integer.toString(v));
        }
        return String.join(" x ", parts);
    }
}
