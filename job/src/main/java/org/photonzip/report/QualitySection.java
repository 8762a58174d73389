package org.photonzip.report;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML of the bounded-archive section: a warning that the archive is lossy, the overall table (id
 * {@code quality}), the reconstruction table (id {@code reconstruction}) and the plots.
 */
final class QualitySection {
    private QualitySection() {}

    static Map<String, byte[]> plots(QualityData q) {
        Map<String, byte[]> plots = new LinkedHashMap<>();
        QualityData.Frames f = q.frames();
        plots.put(
                "quality-error",
                QualityCharts.perFrame(
                        "Error per frame (counts)",
                        "counts",
                        new String[] {"max |error|", "RMSE"},
                        f.maxAbsError(),
                        f.rmse()));
        plots.put(
                "quality-rmse-sigma",
                QualityCharts.perFrame(
                        "RMSE / photon-noise σ per frame", "RMSE / σ", new String[] {"RMSE / σ"}, f.rmseOverSigma()));
        plots.put(
                "quality-psnr",
                QualityCharts.perFrame(
                        "PSNR per frame (dB)",
                        "dB",
                        new String[] {"PSNR (peak 65535)", "PSNR (frame's range)"},
                        f.psnr(),
                        f.psnrRange()));
        plots.put("quality-ssim", QualityCharts.perFrame("SSIM per frame", "SSIM", new String[] {"SSIM"}, f.ssim()));
        if (q.histogram() != null) {
            plots.put("quality-histogram", QualityCharts.histogram(q.histogram()));
        }
        if (q.spectrum() != null) {
            plots.put("quality-spectrum", QualityCharts.spectrum(q.spectrum()));
        }
        if (q.window() != null) {
            plots.put("quality-error-window", QualityCharts.errorWindow(q.window()));
        }
        if (q.image() != null) {
            plots.put("quality-reconstruction", QualityCharts.reconstruction(q.image()));
        }
        return plots;
    }

    static void append(StringBuilder html, QualityData q) {
        html.append("<h2 id=\"bounded\">What the error bound changed</h2>\n<p><strong>This archive is error-bounded "
                + "(lossy)</strong>: restored values differ from the source by at most the bound below.</p>\n");
        html.append("<table id=\"quality\">\n");
        for (String[] row : q.overall()) {
            html.append("<tr><th>")
                    .append(ReportPage.escape(row[0]))
                    .append("</th><td class=\"v\" data-key=\"")
                    .append(ReportPage.escape(row[0]))
                    .append("\">")
                    .append(ReportPage.escape(row[1]))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (!q.reconstructions().isEmpty()) {
            html.append("<table id=\"reconstruction\">\n<tr><th>sinogram row</th><th>angles</th><th>width</th>"
                    + "<th>σ_rec</th><th>RMS difference</th><th>max |difference|</th><th>RMS / σ_rec</th></tr>\n");
            for (QualityData.Reconstruction r : q.reconstructions()) {
                html.append(String.format(
                        Locale.ROOT,
                        "<tr><td>%d</td><td>%d</td><td>%d</td><td>%.4g</td>"
                                + "<td>%.4g</td><td>%.4g</td><td class=\"v\">%.2f %%</td></tr>%n",
                        r.row(),
                        r.angles(),
                        r.width(),
                        r.sigmaRec(),
                        r.rmsDifference(),
                        r.maxDifference(),
                        100 * r.relative()));
            }
            html.append("</table>\n");
        }
        for (Map.Entry<String, byte[]> plot : plots(q).entrySet()) {
            html.append("<img id=\"")
                    .append(plot.getKey())
                    .append("\" alt=\"")
                    .append(plot.getKey())
                    .append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(plot.getValue()))
                    .append("\">\n");
        }
    }
}
