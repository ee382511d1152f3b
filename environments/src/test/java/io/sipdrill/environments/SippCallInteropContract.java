package io.sipdrill.environments;

import io.sipdrill.environments.local.SippOutcome;
import io.sipdrill.environments.local.SippProcess;
import io.sipdrill.load.calls.CallTimes;
import io.sipdrill.load.calls.HandsetLine;
import io.sipdrill.load.handset.Handset;
import io.sipdrill.load.handset.Pop;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.call.Media;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIPp as an independent peer on both ends of a topology's POP and PBX: its built-in {@code uac}
 * plays the carrier calling a handset's DDI, and its built-in {@code uas} plays the carrier
 * answering a handset's outbound call. SIPp judges the far end's messages, so these prove our
 * handsets and the topology's POP and PBX speak SIP a third party accepts. A subclass names the
 * topology and its address blocks.
 */
public abstract class SippCallInteropContract {

    private static final String USER = "1000000";
    private static final CallTimes TIMES = new CallTimes(Duration.ofMillis(300), Duration.ofMillis(300),
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(20));

    private final String primaryBlock;
    private final String backupBlock;
    private final String phonesHost;
    private final String carrierHost;

    @TempDir
    Path tmp;

    private Topology topology;
    private TestPhones phones;
    private Handset handset;
    private HandsetLine line;

    /** POPs at {@code <block>.1:5060}, the handset on {@code phonesBlock.1}, SIPp as the carrier on {@code carrierBlock.1}. */
    protected SippCallInteropContract(String primaryBlock, String backupBlock, String phonesBlock, String carrierBlock) {
        this.primaryBlock = primaryBlock;
        this.backupBlock = backupBlock;
        this.phonesHost = phonesBlock + ".1";
        this.carrierHost = carrierBlock + ".1";
    }

    /** The topology under test, its POPs on {@code primary} and {@code backup}, not started. */
    protected abstract Topology topology(InetSocketAddress primary, InetSocketAddress backup, Path runDir);

    /** SIPp's scenario for the carrier calling a DDI: its built-in {@code uac} unless the topology needs more. */
    protected List<String> uacScenario() {
        return List.of("-sn", "uac");
    }

    /** SIPp's scenario for the carrier answering: its built-in {@code uas} unless the topology needs more. */
    protected List<String> uasScenario() {
        return List.of("-sn", "uas");
    }

    @BeforeEach
    void start() throws Exception {
        InetSocketAddress primary = new InetSocketAddress(primaryBlock + ".1", 5060);
        InetSocketAddress backup = new InetSocketAddress(backupBlock + ".1", 5060);
        topology = topology(primary, backup, tmp.resolve("run"));
        topology.enableCalls(CallRoles.onBlocks(primaryBlock, backupBlock, new InetSocketAddress(carrierHost, 5060), 1),
                Media.NONE);
        topology.start();
        phones = TestPhones.start(phonesHost, primary, backup);
        handset = phones.register(USER);
        line = phones.line(handset, TIMES);
        assertThat(phones.awaitRegistered(handset, Pop.PRIMARY)).as("registered on the primary").isTrue();
    }

    @AfterEach
    void stop() {
        if (phones != null) {
            phones.close();
        }
        if (topology != null) {
            topology.collectLogs(tmp.resolve("logs"));
            topology.close();
        }
    }

    @Test
    void sippUacCallsAHandsetsDdiThroughThePopAndThePbx() throws Exception {
        try (SippProcess uac = SippProcess.start(tmp, "uac", sipp(uacScenario(), "-s", "4420" + USER,
                "-i", carrierHost, "-p", "5060", "-m", "1", "-d", "1000", "-timeout", "20",
                primaryBlock + ".1:5060"))) {
            assertThat(uac.awaitExit(Duration.ofSeconds(30))).as(uac.logTail(40)).isEqualTo(SippOutcome.ALL_CALLS_SUCCEEDED);
        }
    }

    @Test
    void sippUasAnswersAHandsetsOutboundCallThroughThePbx() throws Exception {
        try (SippProcess uas = SippProcess.start(tmp, "uas", sipp(uasScenario(), "-i", carrierHost, "-p", "5060",
                "-m", "1", "-timeout", "20"))) {
            Thread.sleep(300); // SIPp binds its socket
            assertThat(phones.onLoop(() -> line.dial("00441632960001"))).isTrue();
            assertThat(uas.awaitExit(Duration.ofSeconds(30))).as(uas.logTail(40)).isEqualTo(SippOutcome.ALL_CALLS_SUCCEEDED);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (phones.journaled().stream().noneMatch(e -> e instanceof JournalEvent.CallEnded) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(phones.journaled()).filteredOn(e -> e instanceof JournalEvent.CallEnded).singleElement()
                .satisfies(e -> {
                    JournalEvent.CallEnded c = (JournalEvent.CallEnded) e;
                    assertThat(c.dir()).isEqualTo("out");
                    assertThat(c.outcome()).isEqualTo("answered");
                    assertThat(c.pop()).isEqualTo(JournalEvent.Pop.PRIMARY);
                });
        assertThat(phones.onLoop(handset::registeredOn)).isEqualTo(Pop.PRIMARY);
    }

    private static List<String> sipp(List<String> scenario, String... args) {
        List<String> all = new java.util.ArrayList<>(scenario);
        all.addAll(List.of(args));
        return all;
    }
}
