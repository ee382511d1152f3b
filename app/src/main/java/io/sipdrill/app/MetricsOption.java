package io.sipdrill.app;

import io.sipdrill.dashboards.live.LiveMetrics;
import io.sipdrill.dashboards.live.MetricsServer;
import io.sipdrill.load.journal.Journal;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * {@code run --metrics HOST:PORT}: live Prometheus metrics at {@code http://HOST:PORT/metrics} for
 * the length of the run, fed by the drill's journal. Off (a pass-through) without the option. The
 * address is checked like a SIP target: a metrics endpoint on a public interface is as easy a typo
 * as a production registrar.
 */
final class MetricsOption implements AutoCloseable {

    private static final MetricsOption OFF = new MetricsOption(null, null);

    private final LiveMetrics metrics;
    private final MetricsServer server;

    private MetricsOption(LiveMetrics metrics, MetricsServer server) {
        this.metrics = metrics;
        this.server = server;
    }

    /**
     * Starts serving on {@code hostPort}, or nothing when it is null.
     *
     * @throws BadInputException for an address that is not loopback (and not allowed), has no port,
     *                           or cannot be bound
     */
    static MetricsOption start(String hostPort, List<String> allowTargets) {
        if (hostPort == null) {
            return OFF;
        }
        // TargetGuard would take a missing port as SIP's 5060: no default makes sense for metrics.
        if (!hostPort.matches(".*:\\d+$")) {
            throw new BadInputException("--metrics " + hostPort + ": expected HOST:PORT (e.g. 127.0.5.99:9464)");
        }
        InetSocketAddress address = new TargetGuard(allowTargets).check("--metrics", hostPort);
        LiveMetrics metrics = new LiveMetrics();
        MetricsServer server;
        try {
            server = MetricsServer.start(address, metrics.registry());
        } catch (UncheckedIOException e) {
            throw new BadInputException("--metrics " + hostPort + ": " + e.getCause().getMessage());
        }
        System.out.println("sipdrill: metrics on " + server.url());
        return new MetricsOption(metrics, server);
    }

    /** The drill's journal, metered when --metrics is on. */
    Journal tee(Journal journal) {
        return metrics == null ? journal : metrics.tee(journal);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
