package org.photonzip.report;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link ReportData} as one self-contained HTML page: inline style, plots embedded as PNG data
 * URIs, and the summary also as JSON (element {@code #report-data}) for scripts and tests. Opens offline.
 */
public final class ReportPage {
    private ReportPage() {}

    public static String render(ReportData data) {
        Map<String, byte[]> plots = new LinkedHashMap<>();
        if (data.tiles() != null) {
            ReportData.TileGrid g = data.tiles();
            plots.put("tile-heatmap", Charts.tileHeatMap(g.bpp(), g.y0(), g.heights(), g.x0(), g.widths(), g.title()));
        }
        if (data.frameBits() != null) {
            plots.put("frame-bits", Charts.framePlot(data.frameBits(), data.frameKinds()));
        }
        if (data.residuals() != null) {
            ResidualHistogram h = data.residuals();
            plots.put("residual-histogram", Charts.residualHistogram(h.centres(), h.observed(), h.predicted()));
        }
        if (data.stages() != null && !data.stages().isEmpty()) {
            plots.put("stage-times", Charts.stageTimes(data.stages()));
        }
        StringBuilder html = new StringBuilder(1 << 16);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(data.title()))
                .append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;max-width:960px;color:#222}\n")
                .append("table{border-collapse:collapse;margin-bottom:1.5em}\n")
                .append("td,th{border-bottom:1px solid #ddd;padding:4px 12px;text-align:left}\n")
                .append("td.v{font-family:monospace}\nimg{display:block;margin:1em 0;border:1px solid #eee}\n")
                .append("</style></head><body>\n<h1>")
                .append(escape(data.title()))
                .append("</h1>\n")
                .append("<table id=\"summary\">\n");
        for (String[] row : data.summary()) {
            html.append("<tr><th>")
                    .append(escape(row[0]))
                    .append("</th><td class=\"v\" data-key=\"")
                    .append(escape(row[0]))
                    .append("\">")
                    .append(escape(row[1]))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (Map.Entry<String, byte[]> plot : plots.entrySet()) {
            html.append("<img id=\"")
                    .append(plot.getKey())
                    .append("\" alt=\"")
                    .append(plot.getKey())
                    .append("\" width=\"")
                    .append(Charts.WIDTH)
                    .append("\" height=\"")
                    .append(Charts.HEIGHT)
                    .append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(plot.getValue()))
                    .append("\">\n");
        }
        if (data.quality() != null) {
            QualitySection.append(html, data.quality());
        }
        html.append("<script type=\"application/json\" id=\"report-data\">{");
        boolean first = true;
        for (String[] row : data.summary()) {
            html.append(first ? "" : ",").append(json(row[0])).append(':').append(json(row[1]));
            first = false;
        }
        html.append("}</script>\n");
        // Marks each plot once the browser has decoded it, so a headless browser's DOM dump shows it rendered.
        html.append("<script>window.addEventListener('load',function(){document.querySelectorAll('img')")
                .append(".forEach(function(i){i.setAttribute('data-rendered',i.complete&&i.naturalWidth>0?")
                .append("i.naturalWidth+'x'+i.naturalHeight:'no');});});</script>\n</body></html>\n");
        return html.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '<' -> b.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
