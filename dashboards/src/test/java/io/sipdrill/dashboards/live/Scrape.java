package io.sipdrill.dashboards.live;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry as Prometheus would scrape it (the text format), read back as sample lines: what the
 * tests assert on is what a scraper sees, names with their {@code _total}/{@code _bucket} suffixes.
 */
final class Scrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** "name{a=x,b=y}" (labels sorted) to the sample's value. */
    private final Map<String, Double> samples = new TreeMap<>();
    final String text;

    private Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                Map<String, String> labels = new TreeMap<>();
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                }
                samples.put(key(m.group(1), labels), Double.parseDouble(m.group(4)));
            }
        }
    }

    static Scrape of(PrometheusRegistry registry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return new Scrape(out.toString(StandardCharsets.UTF_8));
    }

    /** The sample's value, or null when there is no such series; {@code labels} as name, value pairs. */
    Double value(String name, String... labels) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return samples.get(key(name, map));
    }

    /** How many series of this sample name there are. */
    long series(String name) {
        return samples.keySet().stream().filter(k -> k.equals(name) || k.startsWith(name + "{")).count();
    }

    private static String key(String name, Map<String, String> labels) {
        return labels.isEmpty() ? name : name + labels.toString().replace(" ", "");
    }
}
