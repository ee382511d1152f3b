package io.sipdrill.chaos.api;

import io.sipdrill.chaos.proxy.Route;
import io.sipdrill.chaos.proxy.RouteMetrics;
import io.sipdrill.chaos.toxic.Stream;

import java.util.List;
import java.util.Map;
import java.util.function.ToLongBiFunction;

/**
 * The proxy's counters in Prometheus text format. Byte counters keep Toxiproxy's names
 * ({@code toxiproxy_proxy_received_bytes_total}, {@code toxiproxy_proxy_sent_bytes_total}, labels
 * {@code direction, proxy, listener, upstream}); packets and drops are sipdrill's.
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    public static String render(List<Route> routes) {
        StringBuilder out = new StringBuilder();
        perDirection(out, routes, "toxiproxy_proxy_received_bytes_total", "Bytes the proxy read, per route and direction.",
                RouteMetrics::receivedBytes);
        perDirection(out, routes, "toxiproxy_proxy_sent_bytes_total", "Bytes the proxy wrote, per route and direction.",
                RouteMetrics::sentBytes);
        perDirection(out, routes, "sipdrill_proxy_received_packets_total",
                "Datagrams (UDP) or reads (TCP) the proxy took in.", RouteMetrics::receivedPackets);
        perDirection(out, routes, "sipdrill_proxy_sent_packets_total",
                "Datagrams (UDP) or chunks (TCP) the proxy passed on.", RouteMetrics::sentPackets);

        header(out, "sipdrill_toxic_dropped_packets_total", "Packets a toxic dropped on purpose.", "counter");
        for (Route r : routes) {
            for (Map.Entry<RouteMetrics.ToxicDropKey, Long> e : r.metrics().toxicDrops().entrySet()) {
                out.append("sipdrill_toxic_dropped_packets_total{proxy=\"").append(esc(r.name()))
                        .append("\",toxic=\"").append(esc(e.getKey().toxic()))
                        .append("\",direction=\"").append(e.getKey().stream().wireName()).append("\"} ")
                        .append(e.getValue()).append('\n');
            }
        }
        header(out, "sipdrill_proxy_dropped_packets_total",
                "Packets the proxy itself dropped, by reason (disabled route, full queue, send error).", "counter");
        for (Route r : routes) {
            for (RouteMetrics.ProxyDrop reason : RouteMetrics.ProxyDrop.values()) {
                out.append("sipdrill_proxy_dropped_packets_total{proxy=\"").append(esc(r.name()))
                        .append("\",reason=\"").append(reason.name().toLowerCase(java.util.Locale.ROOT)).append("\"} ")
                        .append(r.metrics().proxyDrops(reason)).append('\n');
            }
        }
        header(out, "sipdrill_proxy_open_links", "Open TCP connections or live UDP sessions.", "gauge");
        for (Route r : routes) {
            out.append("sipdrill_proxy_open_links{proxy=\"").append(esc(r.name())).append("\",protocol=\"")
                    .append(r.transport().wireName()).append("\"} ").append(r.metrics().openLinks()).append('\n');
        }
        return out.toString();
    }

    private static void perDirection(StringBuilder out, List<Route> routes, String metric, String help,
                                     ToLongBiFunction<RouteMetrics, Stream> value) {
        header(out, metric, help, "counter");
        for (Route r : routes) {
            for (Stream s : Stream.values()) {
                out.append(metric).append("{direction=\"").append(s.wireName())
                        .append("\",proxy=\"").append(esc(r.name()))
                        .append("\",listener=\"").append(ApiJson.hostPort(r.listen()))
                        .append("\",upstream=\"").append(ApiJson.hostPort(r.upstream()))
                        .append("\",protocol=\"").append(r.transport().wireName()).append("\"} ")
                        .append(value.applyAsLong(r.metrics(), s)).append('\n');
            }
        }
    }

    private static void header(StringBuilder out, String metric, String help, String type) {
        out.append("# HELP ").append(metric).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(metric).append(' ').append(type).append('\n');
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
