package org.photonzip.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.photonzip.archive.BoundRecord;
import org.photonzip.archive.Summary;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;

/** The rows saying whether an archive is lossless or error-bounded, from summary.json's codec.error_bound. */
public final class BoundRows {
    private BoundRows() {}

    public static Map<String, String> of(Summary summary) {
        Map<String, String> rows = new LinkedHashMap<>();
        BoundRecord b = summary.bound();
        if (b == null) {
            rows.put("mode", "lossless (restores every value bit for bit)");
            return rows;
        }
        rows.put("mode", "ERROR-BOUNDED (LOSSY): restored values differ from the source by up to the bound");
        rows.put(
                "error bound",
                b.bound() instanceof ErrorBound.Absolute a
                        ? "|restored − source| ≤ " + a.n() + " counts"
                        : String.format(
                                Locale.ROOT,
                                "|restored − source| ≤ ⌊%s·σ(prediction)⌋ (at most %d counts)",
                                b.value(),
                                b.bound().maxBound()));
        NoiseModel m = b.noise();
        rows.put(
                "noise model",
                m != null
                        ? String.format(
                                Locale.ROOT,
                                "σ² = %.5g·max(I − %.4g, 0) + %.4g², from %s",
                                m.gain(),
                                m.dark(),
                                m.readNoise(),
                                b.origin())
                        : "none (" + b.origin() + ")");
        return rows;
    }
}
