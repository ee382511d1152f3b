package io.sipdrill.environments.docker;

import io.sipdrill.environments.local.SipOptionsProbe;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Ready when the container's Kamailio answers SIP OPTIONS with 200 on its listen address: the
 * same health check as --env local. Host networking publishes no ports, so Testcontainers'
 * port-based strategies have nothing to look at; a container that exits fails at once.
 *
 * <pre>{@code
 * container.waitingFor(new SipOptionsWaitStrategy(new InetSocketAddress("127.0.1.1", 5060))
 *         .withStartupTimeout(Duration.ofSeconds(20)));
 * }</pre>
 */
final class SipOptionsWaitStrategy extends AbstractWaitStrategy {

    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(200);
    private static final int LOG_TAIL_CHARS = 2_000;

    private final InetSocketAddress listen;

    SipOptionsWaitStrategy(InetSocketAddress listen) {
        this.listen = listen;
    }

    @Override
    protected void waitUntilReady() {
        SipOptionsProbe probe = new SipOptionsProbe(PROBE_TIMEOUT);
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        OptionalInt last = OptionalInt.empty();
        try {
            while (System.nanoTime() < deadline) {
                if (!waitStrategyTarget.isRunning()) {
                    throw new ContainerLaunchException("the container exited before answering OPTIONS on "
                            + DockerService.hostPort(listen) + "; its log ends:\n" + logTail());
                }
                last = probe.probe(listen);
                if (last.orElse(0) == 200) {
                    return;
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot probe " + DockerService.hostPort(listen), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerLaunchException("interrupted while waiting for OPTIONS on " + DockerService.hostPort(listen));
        }
        throw new ContainerLaunchException("no 200 to OPTIONS on " + DockerService.hostPort(listen) + " within "
                + startupTimeout + " (last answer: " + (last.isPresent() ? last.getAsInt() : "none") + "); its log ends:\n"
                + logTail());
    }

    private String logTail() {
        String logs = waitStrategyTarget.getLogs();
        return logs.length() <= LOG_TAIL_CHARS ? logs : logs.substring(logs.length() - LOG_TAIL_CHARS);
    }
}
