package io.sipdrill.chaos.drill;

import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM (what Ctrl-C's SIGINT also leads to: the JVM's shutdown hooks) in the middle of a drill,
 * in a real child JVM: the rollbacks run, the armed fault is reverted, and the journal ends with
 * its end line, flushed.
 */
class DrillRunnerSignalTest {

    @TempDir
    Path dir;

    @Test
    void sigtermMidDrillRunsTheRollbacksAndClosesTheJournal() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SigtermDrillMain.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            Path events = dir.resolve("events");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(events) && Files.readString(events).contains("inject")) && System.nanoTime() < deadline) {
                assertThat(child.isAlive()).as("child still running; its log: %s", log()).isTrue();
                Thread.sleep(100);
            }
            assertThat(Files.readString(events)).as("the fault was injected").contains("inject");

            child.destroy(); // SIGTERM
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child exits on SIGTERM").isTrue();

            assertThat(Files.readAllLines(events)).as("rollback then the armed fault's revert")
                    .containsExactly("inject", "restart registrar", "revert");
            List<JournalEvent> journal = JournalMapper.readAll(dir.resolve("journal.jsonl"));
            assertThat(journal).filteredOn(JournalEvent.FaultStep.class::isInstance)
                    .extracting(e -> ((JournalEvent.FaultStep) e).action() + " " + ((JournalEvent.FaultStep) e).detail())
                    .containsExactly("start ", "end rollback");
            assertThat(journal).filteredOn(JournalEvent.ActionStep.class::isInstance)
                    .extracting(e -> ((JournalEvent.ActionStep) e).phase() + " " + ((JournalEvent.ActionStep) e).action())
                    .containsExactly("method freeze registrar", "rollback restart registrar");
            JournalEvent last = journal.get(journal.size() - 1);
            assertThat(last).isInstanceOf(JournalEvent.DrillEnded.class);
            assertThat(((JournalEvent.DrillEnded) last).reason()).isEqualTo("interrupted");
            assertThat(Files.readString(dir.resolve("journal.jsonl"))).as("complete last line").endsWith("\n");
        } finally {
            child.destroyForcibly();
        }
    }

    private String log() throws java.io.IOException {
        Path log = dir.resolve("child.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
