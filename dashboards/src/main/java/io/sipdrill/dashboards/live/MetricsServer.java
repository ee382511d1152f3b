package io.sipdrill.dashboards.live;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * Serves a registry at {@code http://HOST:PORT/metrics} for Prometheus to scrape, with the
 * exporter's JDK HTTP server (daemon threads: a forgotten server never keeps the JVM alive).
 *
 * <pre>{@code
 * try (MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.5.99", 9464), metrics.registry())) {
 *     System.out.println("metrics on " + server.url());
 * }
 * }</pre>
 */
public final class MetricsServer implements AutoCloseable {

    private final HTTPServer server;
    private final InetSocketAddress address;

    private MetricsServer(HTTPServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /**
     * Binds {@code address} (port 0: any free one) and starts serving.
     *
     * @throws UncheckedIOException when the address cannot be bound (in use, not local)
     */
    public static MetricsServer start(InetSocketAddress address, PrometheusRegistry registry) {
        try {
            HTTPServer server = HTTPServer.builder().inetAddress(address.getAddress()).port(address.getPort())
                    .registry(registry).buildAndStart();
            return new MetricsServer(server, new InetSocketAddress(address.getAddress(), server.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + hostPort(address) + ": " + e.getMessage(), e);
        }
    }

    /** The bound address (with the real port when started on port 0). */
    public InetSocketAddress address() {
        return address;
    }

    /** {@code http://HOST:PORT/metrics}. */
    public String url() {
        return "http://" + hostPort(address) + "/metrics";
    }

    @Override
    public void close() {
        server.close();
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
