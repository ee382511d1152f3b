package io.sipdrill.dashboards.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The code and styles report.html inlines: uPlot's minified build and stylesheet from its webjar
 * (so the page needs no CDN and opens from file:// years later) and our own chart script. Read from
 * the classpath once per JVM.
 */
final class ReportAssets {

    static final String UPLOT_VERSION = "1.6.30";
    private static final String UPLOT_DIR = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";

    static final String UPLOT_JS = read(UPLOT_DIR + "uPlot.iife.min.js");
    static final String UPLOT_CSS = read(UPLOT_DIR + "uPlot.min.css");
    /** Builds the charts from the page's JSON; kept as a resource so it reads and lints as JavaScript. */
    static final String CHARTS_JS = read("io/sipdrill/dashboards/html/report-charts.js");

    private ReportAssets() {
    }

    /**
     * Makes text safe inside a {@code <script>} or {@code <style>} element: only a closing tag can
     * end one early, and {@code <\/} means the same to JavaScript (and never occurs in CSS).
     */
    static String inline(String code) {
        return code.replace("</", "<\\/");
    }

    private static String read(String resource) {
        try (InputStream in = ReportAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath (the uplot webjar "
                        + UPLOT_VERSION + " is a dependency of sipdrill-dashboards)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
