package io.sipdrill.load.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLinesJournalTest {

    @TempDir
    Path dir;

    @Test
    void writesOneJsonLinePerEventAndReadsThemBack() {
        Path file = dir.resolve("journal.jsonl");
        List<JournalEvent> written = List.of(
                new JournalEvent.DrillStarted(0, "d", "embedded", 2, 20.0, "127.0.1.1:5060", "127.0.2.1:5060",
                        Map.of("failover.t50_s", new JournalEvent.Slo(null, 600.0))),
                new JournalEvent.Transaction(5, 1, JournalEvent.Pop.PRIMARY, "REGISTER", "initial", 200, "ok", 1.5, 1),
                new JournalEvent.Retransmission(6, 1, JournalEvent.Pop.BACKUP, "REGISTER", 2),
                new JournalEvent.HandsetState(7, 1, JournalEvent.Pop.BACKUP, "registered", 30.0, "never"),
                new JournalEvent.TimelineSample(1000, 1, 1, 0),
                new JournalEvent.FaultStep(1001, "start", "registrar-outage", "registrar", "cgroup freezer"),
                new JournalEvent.ProbeResult(1002, "before", "registered-on primary", 100.0, 99.0, null, true),
                new JournalEvent.SteadyState(1002, "before", true),
                new JournalEvent.ActionStep(1500, "method", "restart registrar", "ok"),
                new JournalEvent.DrillEnded(2000, "completed"));
        try (JsonLinesJournal journal = new JsonLinesJournal(file)) {
            written.forEach(journal::write);
            journal.flush();
            assertThat(JournalMapper.readAll(file)).as("flushed before close").hasSize(written.size());
        }
        assertThat(JournalMapper.readAll(file)).isEqualTo(written);
    }

    @Test
    void theEndLineIsTheLastOneEventsHandedInAfterItAreDropped() {
        // SIGINT: the shutdown hook's rollback writes the end line while handsets and the runner still write.
        Path file = dir.resolve("journal.jsonl");
        try (JsonLinesJournal journal = new JsonLinesJournal(file)) {
            journal.write(new JournalEvent.TimelineSample(1000, 1, 0, 0));
            journal.write(new JournalEvent.DrillEnded(1500, "interrupted"));
            journal.flush();
            journal.write(new JournalEvent.TimelineSample(2000, 1, 0, 0));
            journal.write(new JournalEvent.Transaction(2001, 1, JournalEvent.Pop.PRIMARY, "REGISTER", "refresh", null,
                    "timeout", null, 7));
        }
        assertThat(JournalMapper.readAll(file)).containsExactly(new JournalEvent.TimelineSample(1000, 1, 0, 0),
                new JournalEvent.DrillEnded(1500, "interrupted"));
    }

    @Test
    void aTornLastLineFromAKilledRunIsSkippedButATornMiddleLineIsAnError() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, "{\"ev\":\"timeline\",\"t\":1000,\"primary\":1,\"backup\":0,\"nowhere\":0}\n{\"ev\":\"timel");
        assertThat(JournalMapper.readAll(file)).hasSize(1);
        Files.writeString(file, "\n{\"ev\":\"timeline\",\"t\":2000,\"primary\":1,\"backup\":0,\"nowhere\":0}\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> JournalMapper.readAll(file)).hasMessageContaining("journal.jsonl:2");
    }

    @Test
    void anEventTypeThisVersionDoesNotKnowIsSkipped() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, "{\"ev\":\"timeline\",\"t\":1000,\"primary\":1,\"backup\":0,\"nowhere\":0}\n"
                + "{\"ev\":\"from-the-future\",\"t\":1500,\"x\":1}\n"
                + "{\"ev\":\"end\",\"t\":2000,\"reason\":\"completed\"}\n");
        assertThat(JournalMapper.readAll(file)).containsExactly(new JournalEvent.TimelineSample(1000, 1, 0, 0),
                new JournalEvent.DrillEnded(2000, "completed"));
    }
}
