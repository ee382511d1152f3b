package io.sipdrill.environments.local;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * One Kamailio instance in the foreground, running the config its {@link KamailioScript} names
 * ({@code registrar.cfg} for a registrar or POP, {@code pbx.cfg} for a PBX), its output in
 * {@code <instanceDir>/kamailio.log}. Each instance has its own runtime dir and pid file and no
 * control socket, so POPs and PBX instances run side by side.
 *
 * <pre>{@code
 * KamailioProcess primary = new KamailioProcess("primary", new InetSocketAddress("127.0.1.1", 5060),
 *         Path.of("/usr/sbin/kamailio"), configFile, runDir.resolve("kamailio-primary"), 4, Duration.ofSeconds(5));
 * primary.start();
 * primary.awaitHealthy(Duration.ofSeconds(10));
 * ...
 * primary.stop();
 * }</pre>
 */
public final class KamailioProcess implements AutoCloseable {

    /** Kamailio's install hint, shown whenever the binary is missing. */
    public static final String NOT_INSTALLED = "kamailio not found: apt-get install kamailio";

    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(200);
    private static final int LOG_TAIL_LINES = 30;

    private final String name;
    private final InetSocketAddress listen;
    private final Path kamailio;
    private final KamailioScript script;
    private final Path instanceDir;
    private final int children;
    private final Duration stopGrace;
    private Process process;
    /** The process whose exit is sipdrill's doing (stopped, or killed by a drill step); any other exit is unplanned. */
    private volatile Process expectedToExit;
    private volatile Consumer<String> onUnplannedExit = detail -> { };
    private volatile boolean diedUnplanned;

    /** An instance of {@code registrar.cfg} as a registrar only. */
    public KamailioProcess(String name, InetSocketAddress listen, Path kamailio, Path configFile,
                           Path instanceDir, int children, Duration stopGrace) {
        this(name, listen, kamailio, KamailioScript.registrar(configFile), instanceDir, children, stopGrace);
    }

    public KamailioProcess(String name, InetSocketAddress listen, Path kamailio, KamailioScript script,
                           Path instanceDir, int children, Duration stopGrace) {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("instance name must be letters, digits, '-' or '_': " + name);
        }
        this.name = name;
        this.listen = listen;
        this.kamailio = kamailio;
        this.script = script;
        this.instanceDir = instanceDir.toAbsolutePath();
        this.children = children;
        this.stopGrace = stopGrace;
    }

    /** The command line this instance runs; also what to paste into a shell to start it by hand. */
    public List<String> command() {
        List<String> command = new ArrayList<>(List.of(kamailio.toString(),
                "-f", script.configFile().toString(),
                // -DD: keep the creator in the foreground (so we own its pid) but still fork workers;
                // -E: log to stderr, which we send to the log file.
                "-DD", "-E",
                "-m", "512", "-M", "16",
                "-n", Integer.toString(children)));
        // UDP only, unless the script takes TLS (which needs TCP); SCTP is often unavailable in
        // containers and would fail the start.
        if (!script.usesTcp()) {
            command.add("-T");
        }
        command.addAll(List.of("-S",
                "-l", "udp:" + hostPort(),
                // Also substituted inside strings (Server header, log prefix), which a plain -A define is not.
                "--substdef=/INSTANCE_NAME/" + name + "/",
                "-Y", instanceDir.toString(),
                "-P", instanceDir.resolve("kamailio.pid").toString(),
                "-w", instanceDir.toString()));
        command.addAll(script.arguments());
        return List.copyOf(command);
    }

    /** Starts the process; fails at once if Kamailio is missing or the address is taken. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        if (!Files.isExecutable(kamailio)) {
            throw new IllegalStateException(NOT_INSTALLED + " (no executable at " + kamailio + ")");
        }
        // A main process killed from outside leaves its workers holding the address: they are this instance's, so they go.
        // Only when this JVM (or a dead one) owns the folder: another live sipdrill's processes are never ours to kill.
        List<ProcessHandle> strays = KamailioLeftovers.ownedHereOrByNobody(instanceDir) ? KamailioLeftovers.of(instanceDir) : List.of();
        if (!strays.isEmpty()) {
            try {
                KamailioLeftovers.kill(strays);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping the leftover workers of kamailio " + name, e);
            }
        }
        requireFree(listen);
        Files.createDirectories(instanceDir);
        KamailioLeftovers.markOwner(instanceDir);
        Process started = new ProcessBuilder(command())
                .directory(instanceDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        process = started;
        started.onExit().thenAccept(this::exited);
    }

    private void exited(Process gone) {
        if (gone != expectedToExit) {
            diedUnplanned = true;
            onUnplannedExit.accept(howItEnded(gone.exitValue()));
        }
    }

    /**
     * "killed by SIGKILL", "killed by signal 6", "exited with code 255": Java reports a process a
     * signal ended as 128 + the signal's number (Linux has 64 signals; Kamailio's own exit(-1) is 255).
     */
    static String howItEnded(int exitValue) {
        if (exitValue == 128 + 9) {
            return "killed by SIGKILL";
        }
        return exitValue > 128 && exitValue <= 128 + 64 ? "killed by signal " + (exitValue - 128) : "exited with code " + exitValue;
    }

    /**
     * Tells {@code listener} (with how it ended) whenever the running process exits without
     * {@link #stop()} or {@link #expectExit()}: a crash, or a kill that was not sipdrill's.
     */
    public void onUnplannedExit(Consumer<String> listener) {
        onUnplannedExit = listener;
    }

    /** The running process is about to be killed on purpose (a drill's kill step): its exit is not unplanned. */
    public synchronized void expectExit() {
        expectedToExit = process;
    }

    /** True when the last process died unplanned and has not been started again since. */
    public boolean diedUnplanned() {
        return diedUnplanned;
    }

    /**
     * Returns once the instance answers OPTIONS with 200; otherwise stops it and throws with the
     * exit code (if it died) and the end of its log.
     */
    public void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        SipOptionsProbe probe = new SipOptionsProbe(PROBE_TIMEOUT);
        long deadline = System.nanoTime() + timeout.toNanos();
        OptionalInt last = OptionalInt.empty();
        while (System.nanoTime() < deadline) {
            Process current = requireStarted();
            if (!current.isAlive()) {
                throw new IllegalStateException("kamailio " + name + " exited with code " + current.exitValue()
                        + " before answering OPTIONS on " + hostPort() + "; last lines of " + logFile() + ":\n"
                        + LogTail.of(logFile(), LOG_TAIL_LINES));
            }
            last = probe.probe(listen);
            if (last.orElse(0) == 200) {
                return;
            }
            Thread.sleep(50);
        }
        stop();
        throw new IllegalStateException("kamailio " + name + " did not answer OPTIONS on " + hostPort() + " with 200 within "
                + timeout + " (last answer: " + (last.isPresent() ? last.getAsInt() : "none") + "); last lines of "
                + logFile() + ":\n" + LogTail.of(logFile(), LOG_TAIL_LINES));
    }

    /** The running main process (its workers are descendants), or empty when stopped. */
    public synchronized Optional<ProcessHandle> handle() {
        return process != null && process.isAlive() ? Optional.of(process.toHandle()) : Optional.empty();
    }

    /** Stops the main process and its workers: SIGTERM, then SIGKILL after the grace period. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        expectedToExit = process;
        ProcessStopper.stop(process.toHandle(), stopGrace);
        // Reap our direct child so no zombie is left behind.
        process.waitFor();
    }

    /**
     * Stops the instance (if running), starts it again on the same address and returns once it
     * answers OPTIONS. Its in-memory state (bindings, dialogs) is gone, as after a real restart.
     */
    public synchronized void restart(Duration healthTimeout) throws IOException, InterruptedException {
        stop();
        start();
        awaitHealthy(healthTimeout);
        diedUnplanned = false;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    public String name() {
        return name;
    }

    public InetSocketAddress address() {
        return listen;
    }

    public Path logFile() {
        return instanceDir.resolve("kamailio.log");
    }

    private String hostPort() {
        return listen.getAddress().getHostAddress() + ":" + listen.getPort();
    }

    private synchronized Process requireStarted() {
        if (process == null) {
            throw new IllegalStateException("kamailio " + name + " was not started");
        }
        return process;
    }

    /** Fails with a clear message when something already holds the UDP address. */
    static void requireFree(InetSocketAddress address) {
        try (DatagramSocket probe = new DatagramSocket(address)) {
            // Bound and released: nobody else listens there.
        } catch (SocketException e) {
            throw new IllegalStateException("udp " + address.getAddress().getHostAddress() + ":" + address.getPort()
                    + " is already in use (another kamailio or sipdrill run?): " + e.getMessage(), e);
        }
    }
}
