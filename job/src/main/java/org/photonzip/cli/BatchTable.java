package org.photonzip.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain text table of one row per archive, for the commands that take several. */
final class BatchTable {
    private final List<String[]> rows = new ArrayList<>();

    BatchTable(String... header) {
        rows.add(header);
    }

    void row(String... cells) {
        rows.add(cells);
    }

    /** Rows (below the header) whose second column starts with {@code result}. */
    long count(String result) {
        return rows.stream().skip(1).filter(r -> r[1].startsWith(result)).count();
    }

    @Override
    public String toString() {
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], Math.min(r[i].length(), i == widths.length - 1 ? 200 : 60));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                String cell = r[i].length() > 200 ? r[i].substring(0, 197) + "..." : r[i];
                sb.append(i == r.length - 1 ? cell : String.format("%-" + widths[i] + "s | ", cell));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }
}
