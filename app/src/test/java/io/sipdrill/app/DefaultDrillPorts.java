package io.sipdrill.app;

import io.sipdrill.environments.embedded.EmbeddedTopologyConfig;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;

/**
 * Runs the CLI on the default drill addresses (127.0.1.1, 127.0.2.1, …) that every end-to-end test
 * and every hand-run {@code ./sipdrill run} share: while someone else holds them, it waits and tries
 * again instead of failing.
 */
final class DefaultDrillPorts {

    private DefaultDrillPorts() {
    }

    /** Runs the CLI (output echoed); retries while it exits 2 because a default port is in use. */
    static CliCapture.Result runWhenFree(Duration patience, String... args) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            waitForRegistrars(deadline);
            CliCapture.Result r = CliCapture.execute(true, args);
            if (r.exitCode() == 2 && r.err().contains("in use") && System.nanoTime() < deadline) {
                Thread.sleep(5_000);
                continue;
            }
            return r;
        }
    }

    private static void waitForRegistrars(long deadline) throws InterruptedException {
        EmbeddedTopologyConfig c = EmbeddedTopologyConfig.defaults();
        waitUntilFree(java.util.List.of(c.primary(), c.backup()), deadline);
    }

    /** Waits while any of {@code addresses} is taken; past {@code deadline} returns (the CLI then says which). */
    static void waitUntilFree(java.util.List<InetSocketAddress> addresses, long deadline) throws InterruptedException {
        while (true) {
            java.util.List<InetSocketAddress> busy = addresses.stream().filter(a -> !free(a)).toList();
            if (busy.isEmpty() || System.nanoTime() > deadline) {
                return;
            }
            System.out.println("sipdrill test: " + busy + " busy; waiting");
            Thread.sleep(5_000);
        }
    }

    private static boolean free(InetSocketAddress address) {
        try (DatagramSocket probe = new DatagramSocket(address)) {
            return true;
        } catch (SocketException e) {
            return false;
        }
    }
}
