package org.photonzip.spark.night;

import java.util.List;
import java.util.Locale;

/** The night's outcome as a table for a person: one row per scan, then the totals. */
public final class NightTable {
    private NightTable() {}

    public static String of(NightRun.Outcome night) {
        StringBuilder sb = new StringBuilder();
        String format = "%-4s %-8s %-40s %10s %10s %7s %8s %-8s %-7s%n";
        sb.append(String.format(
                Locale.ROOT,
                format,
                "scan",
                "status",
                "archive",
                "source MB",
                "archive MB",
                "ratio",
                "seconds",
                "verified",
                "deleted"));
        long source = 0;
        long archive = 0;
        List<ScanRecord> records = night.records();
        for (ScanRecord r : records) {
            sb.append(String.format(
                    Locale.ROOT,
                    format,
                    r.index(),
                    r.status(),
                    shorten(r.archive(), 40),
                    mb(r.sourceBytes()),
                    mb(r.archiveBytes()),
                    String.format(Locale.ROOT, "%.3f", r.ratio()),
                    String.format(Locale.ROOT, "%.1f", r.seconds()),
                    r.verified() ? "yes" : "no",
                    r.sourceDeleted() ? "yes" : "no"));
            if (r.error() != null) {
                sb.append("     ").append(r.error()).append(System.lineSeparator());
            }
            source += r.sourceBytes();
            archive += r.archiveBytes();
        }
        long done = records.stream().filter(r -> r.status().equals("done")).count();
        long skipped =
                records.stream().filter(r -> r.status().equals("skipped")).count();
        sb.append(String.format(
                Locale.ROOT,
                "%d scans: %d archived, %d already archived (skipped), %d failed; "
                        + "%s of sources in %s of archives; exit %d%n",
                records.size(),
                done,
                skipped,
                night.failed(),
                mb(source),
                mb(archive),
                night.exitCode()));
        if (night.log() != null) {
            sb.append("record: ").append(night.log()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    private static String shorten(String s, int n) {
        return s.length() <= n ? s : "..." + s.substring(s.length() - n + 3);
    }
}
