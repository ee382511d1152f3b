package io.sipdrill.load.gatling;

import io.gatling.app.Gatling$;
import io.gatling.javaapi.core.Simulation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a built-in simulation inside this JVM, on its own thread, and hands it its parameters.
 * Gatling instantiates simulations by class name, so parameters travel through a slot per class;
 * the simulation takes them in its constructor and calls {@link #readyThenWait} from
 * {@code before()}, so the caller can start its clock exactly when users begin to arrive.
 *
 * <pre>{@code
 * GatlingLaunch launch = GatlingLaunch.start(MySimulation.class, spec, resultsDir);
 * launch.awaitReady(Duration.ofMinutes(2));   // Gatling booted, nobody injected yet
 * clock.startNow(); launch.go();
 * int code = launch.awaitExit(Duration.ofMinutes(5));
 * }</pre>
 */
public final class GatlingLaunch {

    private static final Map<Class<?>, Slot> SLOTS = new ConcurrentHashMap<>();

    private final Slot slot;
    private final Thread thread;
    private volatile int exitCode = -1;
    private volatile Throwable failure;

    private record Slot(Object spec, CountDownLatch ready, CountDownLatch go) {
    }

    private GatlingLaunch(Slot slot, Thread thread) {
        this.slot = slot;
        this.thread = thread;
    }

    /** Offers {@code spec} to the next instance of {@code simulation} and starts Gatling on a thread. */
    public static GatlingLaunch start(Class<? extends Simulation> simulation, Object spec, Path resultsDir)
            throws java.io.IOException {
        Files.createDirectories(resultsDir);
        Slot slot = new Slot(spec, new CountDownLatch(1), new CountDownLatch(1));
        if (SLOTS.putIfAbsent(simulation, slot) != null) {
            throw new IllegalStateException(simulation.getSimpleName() + " is already starting in this JVM");
        }
        String[] args = {"--simulation", simulation.getName(),
                "--results-folder", resultsDir.toAbsolutePath().toString(), "--launcher", "sipdrill"};
        GatlingLaunch[] self = new GatlingLaunch[1];
        Thread thread = new Thread(() -> {
            try {
                self[0].exitCode = Gatling$.MODULE$.fromArgs(args);
            } catch (Throwable t) {
                self[0].failure = t;
            } finally {
                SLOTS.remove(simulation, slot);
                slot.ready().countDown(); // never leave a waiter hanging
            }
        }, "sipdrill-gatling");
        thread.setDaemon(true);
        self[0] = new GatlingLaunch(slot, thread);
        thread.start();
        return self[0];
    }

    /** For the simulation's constructor: the spec its launcher offered. */
    public static <T> T spec(Class<? extends Simulation> simulation, Class<T> type) {
        Slot slot = SLOTS.get(simulation);
        if (slot == null) {
            throw new IllegalStateException(simulation.getSimpleName() + " runs only when sipdrill launches it");
        }
        return type.cast(slot.spec());
    }

    /** For the simulation's {@code before()}: signals "booted" and waits for {@link #go()}. */
    public static void readyThenWait(Class<? extends Simulation> simulation) {
        Slot slot = SLOTS.get(simulation);
        if (slot == null) {
            return;
        }
        slot.ready().countDown();
        try {
            slot.go().await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the simulation is booted and holding its users back.
     *
     * @throws SipConfigurationException (one line, no trace) when the simulation's SIP settings were wrong
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        if (!slot.ready().await(timeout.toMillis(), TimeUnit.MILLISECONDS) || !thread.isAlive()) {
            thread.join(1000);
            Throwable f = failure;
            if (f != null) {
                SipConfigurationException.in(f).ifPresent(e -> {
                    throw e;
                });
            }
            throw new IllegalStateException("Gatling did not start the simulation" + (f != null ? ": " + f : ""), f);
        }
    }

    /** Lets the users in. */
    public void go() {
        slot.go().countDown();
    }

    /** Waits for Gatling to finish (and write its report); returns its exit code (0, or 2 for failed assertions). */
    public int awaitExit(Duration timeout) throws InterruptedException {
        go();
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException("Gatling did not finish within " + timeout);
        }
        return exitCode;
    }

    /** What Gatling threw, if it failed rather than returned. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops waiting users and interrupts Gatling's thread (used when the caller aborts). */
    public void abort() {
        go();
        thread.interrupt();
    }
}
