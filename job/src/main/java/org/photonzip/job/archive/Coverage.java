package org.photonzip.job.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Checks that a manifest's tiles cover a stack exactly once: inside it, not overlapping, nothing missing. */
public final class Coverage {
    private Coverage() {
    }

    /** What is wrong with the tiling of {@code rows} over {@code shape}; empty when it is exact. */
    public static List<String> problems(List<TileRow> rows, int[] shape) {
        List<String> problems = new ArrayList<>();
        long samples = 0;
        for (TileRow r : rows) {
            if (r.t0() < 0 || r.y0() < 0 || r.x0() < 0 || r.frames() <= 0 || r.height() <= 0 || r.width() <= 0
                    || r.t0() + r.frames() > shape[0] || r.y0() + r.height() > shape[1] || r.x0() + r.width() > shape[2]) {
                problems.add(r.position() + " lies outside the stack");
            }
            samples += r.samples();
        }
        long expected = (long) shape[0] * shape[1] * shape[2];
        List<TileRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(TileRow::t0));
        // Sweep along frames: only tiles whose frame ranges overlap can overlap.
        for (int i = 0; i < sorted.size(); i++) {
            TileRow a = sorted.get(i);
            for (int j = i + 1; j < sorted.size() && sorted.get(j).t0() < a.t0() + a.frames(); j++) {
                TileRow b = sorted.get(j);
                if (a.overlaps(b.t0(), b.t0() + b.frames(), b.y0(), b.y0() + b.height(), b.x0(), b.x0() + b.width())) {
                    problems.add(a.position() + " overlaps " + b.position());
                }
                if (problems.size() > 10) {
                    return problems;
                }
            }
        }
        if (problems.isEmpty() && samples != expected) {
            problems.add("the tiles hold " + samples + " samples, the stack " + expected);
        }
        return problems;
    }
}
