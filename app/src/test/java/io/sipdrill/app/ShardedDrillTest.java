package io.sipdrill.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipdrill.environments.embedded.EmbeddedTopology;
import io.sipdrill.environments.embedded.EmbeddedTopologyConfig;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.DrillStarted;
import io.sipdrill.load.journal.JournalEvent.TimelineSample;
import io.sipdrill.load.journal.JournalEvent.Transaction;
import io.sipdrill.load.journal.JournalMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sharded injection end to end: a registrar and backup POP on 127.0.220.1/.2 stand in for a shared
 * staging target; two shards of a fault-free 20-handset drill run at once as two child JVMs (two
 * processes, as two injector pods would; Gatling keeps static state, so one JVM runs one drill),
 * while this JVM runs the same drill unsharded. {@code sipdrill report shard0 shard1 --out merged}
 * must count what the single run counted: handsets, handsets on the primary at the end, REGISTER
 * transactions. Those are exact: every handset arrives at once, registers and stays, nothing
 * fails, and the drill ends before any refresh is due (a refresh close to the end counts or not by
 * how fast each process started its handsets). Latencies, retransmissions (Timer E fires at drill
 * speed, so a busy machine adds some) and the moment of each transaction differ from run to run
 * and are not compared.
 */
class ShardedDrillTest {

    private static final InetSocketAddress TARGET = new InetSocketAddress("127.0.220.1", 5060);
    private static final InetSocketAddress TARGET_BACKUP = new InetSocketAddress("127.0.220.2", 5060);
    // The single run has a target of its own: on the shards' one, the same users would register from
    // two contacts, and the registrar's 200 (listing every contact of the user) would hand each run
    // the other's shorter remaining expiry.
    private static final InetSocketAddress SINGLE_TARGET = new InetSocketAddress("127.0.220.3", 5060);
    private static final InetSocketAddress SINGLE_BACKUP = new InetSocketAddress("127.0.220.4", 5060);
    private static final String DRILL = "src/test/resources/drills/shard-calm.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void twoShardsMergeIntoTheSingleRunsCounts() throws Exception {
        try (EmbeddedTopology target = new EmbeddedTopology(EmbeddedTopologyConfig.defaults().withAddresses(TARGET, TARGET_BACKUP));
             EmbeddedTopology own = new EmbeddedTopology(EmbeddedTopologyConfig.defaults().withAddresses(SINGLE_TARGET, SINGLE_BACKUP))) {
            target.start();
            own.start();
            Process shard0 = child(0, "127.0.221.1");
            Process shard1 = child(1, "127.0.221.11");
            CliCapture.Result single;
            try {
                single = CliCapture.execute(true, "run", DRILL, "--registrar", "127.0.220.3:5060", "--backup", "127.0.220.4:5060",
                        "--handset-address", "127.0.222.1", "--report", tmp.resolve("single").toString());
                assertThat(shard0.waitFor(60, TimeUnit.SECONDS)).as("shard 0 ended").isTrue();
                assertThat(shard1.waitFor(60, TimeUnit.SECONDS)).as("shard 1 ended").isTrue();
            } finally {
                shard0.destroyForcibly();
                shard1.destroyForcibly();
            }
            assertThat(single.exitCode()).as("single run; stderr:%n%s", single.err()).isZero();
            assertThat(shard0.exitValue()).as("shard 0; its output:%n%s", output(0)).isZero();
            assertThat(shard1.exitValue()).as("shard 1; its output:%n%s", output(1)).isZero();
        }
        assertThat(output(1)).contains("shard 1/2: handsets 10 … 19 (users 1000010 … 1000019) of 20");
        DrillStarted second = (DrillStarted) JournalMapper.readAll(journal("shard1")).get(0);
        assertThat(List.of(second.shard(), second.shards(), second.firstHandset(), second.population(), second.handsets()))
                .as("shard 1's drill line").containsExactly(1, 2, 10, 20, 10);

        CliCapture.Result merge = CliCapture.execute("report", journal("shard0").toString(), journal("shard1").toString(),
                "--out", tmp.resolve("merged").toString());
        assertThat(merge.exitCode()).as("report; stderr:%n%s", merge.err()).isZero();
        assertThat(merge.out()).contains("merged 2 shard journals");

        JsonNode merged = JSON.readTree(tmp.resolve("merged/summary.json").toFile());
        JsonNode alone = JSON.readTree(tmp.resolve("single/summary.json").toFile());
        assertThat(merged.get("handsets").asInt()).isEqualTo(alone.get("handsets").asInt()).isEqualTo(20);
        List<JournalEvent> mergedEvents = JournalMapper.readAll(tmp.resolve("merged/journal.jsonl"));
        List<JournalEvent> singleEvents = JournalMapper.readAll(journal("single"));
        assertThat(registers(mergedEvents)).as("REGISTER transactions by purpose and outcome")
                .isEqualTo(registers(singleEvents));
        assertThat(merged.at("/phases/baseline/transactions").asInt()).as("REGISTER transactions, summary.json")
                .isEqualTo(alone.at("/phases/baseline/transactions").asInt()).isEqualTo(40);
        assertThat(lastSample(mergedEvents)).as("on the primary, backup, nowhere at the end")
                .isEqualTo(lastSample(singleEvents)).isEqualTo("20/0/0");
        assertThat(mergedEvents.stream().filter(Transaction.class::isInstance).map(e -> ((Transaction) e).h()).distinct().sorted().toList())
                .as("handset indexes of both shards").isEqualTo(java.util.stream.IntStream.range(0, 20).boxed().toList());
    }

    /** A shard as its own JVM, on this test's classpath, its output in shardI.log. */
    private Process child(int index, String handsetAddress) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
                "-Dgatling.data.enableAnalytics=false", "-cp", System.getProperty("java.class.path"), "io.sipdrill.app.Sipdrill",
                "run", DRILL, "--registrar", "127.0.220.1:5060", "--backup", "127.0.220.2:5060", "--shard", index + "/2",
                "--handset-address", handsetAddress, "--report", tmp.resolve("shard" + index).toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("shard" + index + ".log").toFile()).start();
    }

    private String output(int index) throws Exception {
        Path log = tmp.resolve("shard" + index + ".log");
        return Files.isRegularFile(log) ? Files.readString(log) : "(no output)";
    }

    private Path journal(String run) {
        return tmp.resolve(run).resolve("journal.jsonl");
    }

    private static java.util.Map<String, Long> registers(List<JournalEvent> events) {
        return events.stream().filter(Transaction.class::isInstance).map(Transaction.class::cast)
                .filter(t -> t.method().equals("REGISTER"))
                .collect(java.util.stream.Collectors.groupingBy(t -> t.purpose() + " " + t.outcome(), java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
    }

    private static String lastSample(List<JournalEvent> events) {
        TimelineSample last = events.stream().filter(TimelineSample.class::isInstance).map(TimelineSample.class::cast)
                .reduce((a, b) -> b.t() >= a.t() ? b : a).orElseThrow();
        return last.primary() + "/" + last.backup() + "/" + last.nowhere();
    }
}
