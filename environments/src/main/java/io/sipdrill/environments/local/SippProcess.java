package io.sipdrill.environments.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A SIPp run in the foreground (never {@code -bg}: that forks and we would lose the process),
 * its screen output and errors in {@code <workDir>/<name>.log}. Used by tests and by the
 * capacity benchmark, which compares our handsets with SIPp.
 *
 * <pre>{@code
 * try (SippProcess uas = SippProcess.start(runDir, "registrar",
 *         List.of("-sf", "uas-registrar.xml", "-i", "127.0.0.1", "-p", "5060"))) {
 *     ... drive load at 127.0.0.1:5060 ...
 *     SippOutcome outcome = uas.stop(Duration.ofSeconds(2));
 * }
 * }</pre>
 */
public final class SippProcess implements AutoCloseable {

    public static final Path DEFAULT_SIPP = Path.of("/usr/bin/sipp");
    public static final String NOT_INSTALLED = "sipp not found: apt-get install sip-tester";

    private final List<String> command;
    private final Path logFile;
    private final Process process;

    private SippProcess(List<String> command, Path logFile, Process process) {
        this.command = command;
        this.logFile = logFile;
        this.process = process;
    }

    /** Starts {@code /usr/bin/sipp} with {@code args}, working in and logging to {@code workDir}. */
    public static SippProcess start(Path workDir, String name, List<String> args) throws IOException {
        return start(DEFAULT_SIPP, workDir, name, args);
    }

    public static SippProcess start(Path sipp, Path workDir, String name, List<String> args) throws IOException {
        if (!Files.isExecutable(sipp)) {
            throw new IllegalStateException(NOT_INSTALLED + " (no executable at " + sipp + ")");
        }
        if (args.contains("-bg")) {
            throw new IllegalArgumentException("-bg forks SIPp away from us; run it in the foreground");
        }
        List<String> command = new ArrayList<>();
        command.add(sipp.toString());
        command.addAll(args);
        if (!args.contains("-nostdin")) {
            // Without a terminal SIPp's keyboard commands are useless; it must not wait on stdin.
            command.add("-nostdin");
        }
        Files.createDirectories(workDir);
        Path log = workDir.resolve(name + ".log").toAbsolutePath();
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        return new SippProcess(List.copyOf(command), log, process);
    }

    /** Waits for SIPp to end by itself (e.g. after {@code -m} calls). */
    public SippOutcome awaitExit(Duration timeout) throws InterruptedException, TimeoutException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("sipp still running after " + timeout + "; last lines of " + logFile + ":\n"
                    + LogTail.of(logFile, 20));
        }
        return SippOutcome.ofExitCode(process.exitValue());
    }

    /**
     * Ends the run: SIGTERM, which SIPp handles by printing its final statistics and exiting with
     * the success/failure code, then SIGKILL if it is still there after {@code grace}.
     */
    public SippOutcome stop(Duration grace) throws InterruptedException {
        if (process.isAlive()) {
            ProcessStopper.stop(process.toHandle(), grace);
        }
        return SippOutcome.ofExitCode(process.waitFor());
    }

    /** The outcome if SIPp has exited. */
    public Optional<SippOutcome> outcome() {
        return process.isAlive() ? Optional.empty() : Optional.of(SippOutcome.ofExitCode(process.exitValue()));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public List<String> command() {
        return command;
    }

    public Path logFile() {
        return logFile;
    }

    /** The log's last lines, for assertion messages. */
    public String logTail(int lines) {
        return LogTail.of(logFile, lines);
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(2));
    }

    /**
     * The last row of a {@code -trace_stat} file (name it with {@code -stf}), keyed by column, e.g.
     * {@code SuccessfulCall(C)}, {@code FailedCall(C)}, {@code CallRate(C)}. Empty if no row was written yet.
     */
    public static Map<String, String> lastStats(Path statFile) throws IOException {
        List<String> lines = Files.readAllLines(statFile, StandardCharsets.ISO_8859_1).stream()
                .filter(line -> !line.isBlank()).toList();
        Map<String, String> stats = new LinkedHashMap<>();
        if (lines.size() < 2) {
            return stats;
        }
        String[] names = lines.get(0).split(";", -1);
        String[] values = lines.get(lines.size() - 1).split(";", -1);
        for (int i = 0; i < names.length && i < values.length; i++) {
            if (!names[i].isEmpty()) {
                stats.put(names[i], values[i]);
            }
        }
        return stats;
    }
}
