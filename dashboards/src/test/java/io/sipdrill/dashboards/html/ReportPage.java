package io.sipdrill.dashboards.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a rendered report.html back for tests: its chart data, containers and URL attributes. */
final class ReportPage {

    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"sipdrill-data\">(.*?)</script>", Pattern.DOTALL);
    private static final Pattern CONTAINER = Pattern.compile("<div class=\"chart\" id=\"chart-[^\"]+\" data-chart=\"([^\"]+)\">");
    private static final Pattern URL_ATTRIBUTE = Pattern.compile("\\s(?:src|href)\\s*=\\s*[\"']?([^\"'\\s>]*)",
            Pattern.CASE_INSENSITIVE);

    private ReportPage() {
    }

    static JsonNode data(String html) {
        Matcher m = DATA.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no sipdrill-data block");
        }
        try {
            return new ObjectMapper().readTree(m.group(1));
        } catch (java.io.IOException e) {
            throw new AssertionError("sipdrill-data is not JSON", e);
        }
    }

    static List<String> chartIds(JsonNode data) {
        List<String> ids = new ArrayList<>();
        data.get("charts").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    static List<String> containers(String html) {
        return all(CONTAINER, html);
    }

    /** Every src and href value on the page, in the markup and in the inlined scripts alike. */
    static List<String> urlAttributes(String html) {
        return all(URL_ATTRIBUTE, html);
    }

    static int points(JsonNode chart) {
        int n = 0;
        for (JsonNode series : chart.get("series")) {
            for (JsonNode v : series.get("values")) {
                n += v.isNull() ? 0 : 1;
            }
        }
        return n;
    }

    private static List<String> all(Pattern p, String html) {
        List<String> found = new ArrayList<>();
        Matcher m = p.matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
