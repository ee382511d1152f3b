package io.sipdrill.app;

import io.sipdrill.chaos.fault.CgroupCpuController;
import io.sipdrill.environments.local.LocalTopologyConfig;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The sipdrill CLI in a child JVM on {@code --env local}, for the tests that interrupt or kill it
 * mid-drill, and what such a run leaves behind: its Kamailio processes (found by the run folder in
 * their command line), its cgroups ({@code …-by<pid>}), its journal.
 */
final class ChildSipdrill {

    static final Path CPU_ROOT = CgroupCpuController.DEFAULT_CGROUP_ROOT.resolve("cpu");
    static final Path CPU_GROUPS = CPU_ROOT.resolve(CgroupCpuController.DEFAULT_PARENT);
    static final Path FREEZER_ROOT = CgroupCpuController.DEFAULT_CGROUP_ROOT.resolve("freezer");
    static final Path FREEZER_GROUPS = FREEZER_ROOT.resolve("sipdrill");

    private ChildSipdrill() {
    }

    /** Why a test with Kamailio and a cgroup v1 cpu squeeze cannot run here, or empty when it can. */
    /**
     * Skips the calling test (saying so on stdout, where CI logs show it) when Kamailio or a writable
     * cgroup v1 cpu controller is missing.
     */
    static void assumeKamailioAndCgroupV1(Path tmp, Class<?> test) {
        Optional<String> missing = kamailioAndCgroupV1Missing(tmp);
        org.junit.jupiter.api.Assumptions.assumeTrue(missing.isEmpty(), () -> {
            String line = test.getSimpleName() + " skipped: " + missing.orElseThrow();
            System.out.println(line);
            return line;
        });
    }

    private static Optional<String> kamailioAndCgroupV1Missing(Path tmp) {
        Path kamailio = LocalTopologyConfig.defaults(tmp).kamailio();
        if (!Files.isExecutable(kamailio)) {
            return Optional.of("no Kamailio at " + kamailio + " (apt-get install kamailio)");
        }
        Optional<CgroupCpuController> cpu = CgroupCpuController.detect();
        if (cpu.isEmpty()) {
            return Optional.of(CgroupCpuController.unavailableReason());
        }
        if (!cpu.get().description().equals("cgroup v1 cpu") || !Files.isDirectory(CPU_GROUPS)) {
            return Optional.of("the cpu controller here is " + cpu.get().description() + ", not cgroup v1 at " + CPU_GROUPS);
        }
        return Optional.empty();
    }

    /** Starts {@code sipdrill ARGS…} in a child JVM on this test's class path, its output (both streams) in {@code log}. */
    static Process start(Path log, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
                "-Dgatling.data.enableAnalytics=false",
                "-cp", System.getProperty("java.class.path"), Sipdrill.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        System.out.println("sipdrill child pid " + child.pid() + ": sipdrill " + String.join(" ", args));
        return child;
    }

    /** The child's output so far. */
    static String log(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The fault starts journaled so far (a torn last line is skipped). */
    static List<JournalEvent.FaultStep> faultStarts(Path journal) {
        if (!Files.exists(journal)) {
            return List.of();
        }
        return JournalMapper.readAll(journal).stream().filter(JournalEvent.FaultStep.class::isInstance)
                .map(JournalEvent.FaultStep.class::cast).filter(f -> f.action().equals("start")).toList();
    }

    static boolean faultStarted(Path journal, String target) {
        return faultStarts(journal).stream().anyMatch(f -> f.target().equals(target));
    }

    static JournalEvent.FaultStep faultStart(Path journal, String target) {
        return faultStarts(journal).stream().filter(f -> f.target().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError("no fault start on " + target + " in " + journal));
    }

    /**
     * A run's Kamailio processes (mains and workers): their command line names the run's folder
     * ({@code -Y RUN/kamailio/kamailio-NAME}); with {@code instance} (its name: primary, backup,
     * pbx-1, …), only that instance's.
     */
    static List<Long> kamailioPids(Path runDir, String instance) {
        String dir = runDir.resolve("kamailio").toString() + "/kamailio-";
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir)
                        && (instance == null || c.contains("/INSTANCE_NAME/" + instance + "/"))).orElse(false))
                .map(ProcessHandle::pid).sorted().toList();
    }

    /** Directories under {@code parent} named {@code prefix…-by<owner>}. */
    static List<Path> groups(Path parent, String prefix, long owner) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return found;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, Files::isDirectory)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith("-by" + owner)) {
                    found.add(d);
                }
            }
        }
        return found;
    }

    static List<Long> pids(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.trim())).toList();
    }

    /** The process's state letter from /proc (R, S, T stopped, …), or "gone". */
    static String state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException | RuntimeException e) {
            return "gone";
        }
    }

    /** Live processes among {@code pids} ("gone" and zombies left out). */
    static List<Long> alive(List<Long> pids) {
        return pids.stream().filter(p -> !state(p).equals("gone") && !state(p).equals("Z")).toList();
    }

    static List<String> describe(List<Long> pids) {
        return pids.stream().map(p -> p + " (" + state(p) + ") "
                + ProcessHandle.of(p).flatMap(h -> h.info().commandLine()).orElse("?")).toList();
    }

    /** The journal's rare events and its last five, for assertion messages. */
    static String overview(List<JournalEvent> events) {
        List<JournalEvent> notable = events.stream().filter(e -> !(e instanceof JournalEvent.Transaction
                || e instanceof JournalEvent.Retransmission || e instanceof JournalEvent.HandsetState
                || e instanceof JournalEvent.TimelineSample || e instanceof JournalEvent.CallEnded)).toList();
        String tail = events.subList(Math.max(0, events.size() - 5), events.size()).stream().map(Object::toString)
                .collect(Collectors.joining("\n  "));
        return "journal (" + events.size() + " events), notable:\n  "
                + notable.stream().map(Object::toString).collect(Collectors.joining("\n  "))
                + "\nlast 5:\n  " + tail;
    }

    /**
     * Whatever a child left behind, and only that: the child itself, its cpu and freezer groups
     * (thawed, processes back in the hierarchy's root, removed), then the run's Kamailio processes.
     */
    static void cleanUp(Process child, Path runDir) throws Exception {
        if (child == null) {
            return;
        }
        long pid = child.pid();
        if (child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        for (Path group : groups(FREEZER_GROUPS, "", pid)) {
            System.out.println("sipdrill test cleanup: thawing and removing " + group);
            Files.writeString(group.resolve("freezer.state"), "THAWED");
            emptyAndRemove(group, FREEZER_ROOT);
        }
        for (Path group : groups(CPU_GROUPS, "", pid)) {
            System.out.println("sipdrill test cleanup: removing " + group);
            emptyAndRemove(group, CPU_ROOT);
        }
        if (runDir != null) {
            for (long p : kamailioPids(runDir, null)) {
                System.out.println("sipdrill test cleanup: killing kamailio " + p);
                ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static void emptyAndRemove(Path group, Path root) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Long> left = pids(group.resolve("cgroup.procs"));
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            for (long p : left) {
                try {
                    Files.writeString(root.resolve("cgroup.procs"), Long.toString(p));
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
            Thread.sleep(10);
            left = pids(group.resolve("cgroup.procs"));
        }
        Files.deleteIfExists(group);
    }

    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
