package io.sipdrill.environments.embedded;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * One in-JVM server that can be stopped and started again on the same address, as a process can:
 * each start builds a fresh server (our servers are not restartable once closed), so a restart
 * loses its in-memory state, bindings included, as a real restart does.
 */
final class ServerSlot<S extends AutoCloseable> {

    private final String target;
    private final Callable<S> starter;
    private S current;
    private boolean running;

    /** @param starter builds and starts the server; returns once it answers */
    ServerSlot(String target, Callable<S> starter) {
        this.target = target;
        this.starter = starter;
    }

    String target() {
        return target;
    }

    /** Starts a fresh server unless one is running. */
    synchronized void start() throws Exception {
        if (running) {
            return;
        }
        current = starter.call();
        running = true;
    }

    /** Closes the running server, if any. Never throws. */
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            current.close();
        } catch (Exception e) {
            // closed as far as it goes; the address is what matters and the server released it
        }
    }

    synchronized void restart() throws Exception {
        stop();
        start();
    }

    /** The running server, empty before start and while stopped. */
    synchronized Optional<S> running() {
        return running ? Optional.of(current) : Optional.empty();
    }

    /** The server started last (maybe stopped since), for inspection. */
    synchronized S latest() {
        if (current == null) {
            throw new IllegalStateException(target + " was never started");
        }
        return current;
    }
}
