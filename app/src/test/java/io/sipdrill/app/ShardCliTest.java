package io.sipdrill.app;

import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.DrillStarted;
import io.sipdrill.load.journal.JournalMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run --shard I/N} and {@code report J0 J1 …} refuse what does not fit a sharded drill, with
 * exit 2 and one line saying why, before anything starts or binds.
 */
class ShardCliTest {

    private static final String[] EXTERNAL = {"--registrar", "127.0.220.1:5060", "--backup", "127.0.220.2:5060"};

    @TempDir
    Path tmp;

    private static CliCapture.Result badInput(String... args) {
        CliCapture.Result r = CliCapture.execute(args);
        assertThat(r.exitCode()).as("exit code of %s; stderr:%n%s", List.of(args), r.err()).isEqualTo(2);
        assertThat(r.errLines()).as("stderr of %s", List.of(args)).hasSize(1);
        return r;
    }

    private static String[] run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        all.addAll(List.of(EXTERNAL));
        return all.toArray(String[]::new);
    }

    @Test
    void theShardMustBeIOfNCountingFromZero() {
        assertThat(badInput(run("registrar-outage", "--shard", "2/2")).err()).contains("--shard I/N: I counts from 0 and must be below N, 0 to 1");
        assertThat(badInput(run("registrar-outage", "--shard", "1")).err()).contains("--shard 1 is not I/N");
        assertThat(badInput(run("registrar-outage", "--shard", "0/0")).err()).contains("N must be at least 1");
        assertThat(badInput(run("registrar-outage", "--shard", "0/4", "--handsets", "3")).err())
                .contains("3 handsets cannot be split into 4 shards");
    }

    @Test
    void shardsNeedOneSharedExternalTarget() {
        assertThat(badInput("run", "registrar-outage", "--shard", "0/2").err())
                .contains("--shard 0/2 needs --env external").contains("2 topologies");
    }

    @Test
    void aDrillThatInjectsFaultsIsRefusedForShards() {
        assertThat(badInput(run("src/test/resources/drills/external-latency.yaml", "--shard", "0/2")).err())
                .contains("injects faults (latency handsets->registrar").contains("inject faults from one place");
        assertThat(badInput(run("--shard", "1/2")).err()).as("the default drill, the June incident, has calls too")
                .contains("registrar-overload places calls; sharded runs carry registrations only");
    }

    @Test
    void aBadHandsetAddressIsRefused() {
        assertThat(badInput(run("registrar-outage", "--handset-address", "handsets.example")).err())
                .contains("--handset-address handsets.example is not an IP address");
        assertThat(badInput(run("registrar-outage", "--handset-address", "127.0.221.254")).err())
                .contains("4 consecutive loopback addresses");
    }

    @Test
    void reportRefusesJournalsThatAreNotShardsOfOneDrill() throws Exception {
        Path a = journal("a", new DrillStarted(0, "calm", "external", 10, 60, null, null, Map.of(), 1L, 0, 2, 0, 20));
        Path b = journal("b", new DrillStarted(0, "calm", "external", 10, 20, null, null, Map.of(), 1L, 1, 2, 10, 20));
        Path plain = journal("c", new DrillStarted(0, "calm", "external", 20, 60, null, null, Map.of()));
        Path out = tmp.resolve("merged");
        assertThat(badInput("report", a.toString(), b.toString(), "--out", out.toString()).err())
                .contains(b + ": time_scale is 20.0, but 60.0 in " + a);
        assertThat(badInput("report", a.toString(), plain.toString(), "--out", out.toString()).err())
                .contains(plain + ": not a shard's journal");
        assertThat(badInput("report", a.toString(), b.toString()).err()).contains("2 journals merge into one report: say where with --out DIR");
    }

    private Path journal(String name, JournalEvent... events) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        StringBuilder text = new StringBuilder();
        for (JournalEvent e : events) {
            text.append(JournalMapper.shared().writerFor(JournalEvent.class).writeValueAsString(e)).append('\n');
        }
        return Files.writeString(dir.resolve("journal.jsonl"), text);
    }
}
