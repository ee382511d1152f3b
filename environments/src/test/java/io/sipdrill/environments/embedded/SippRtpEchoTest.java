package io.sipdrill.environments.embedded;

import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.TestPhones;
import io.sipdrill.environments.local.SippOutcome;
import io.sipdrill.environments.local.SippProcess;
import io.sipdrill.load.calls.CallTimes;
import io.sipdrill.load.calls.HandsetLine;
import io.sipdrill.load.handset.Handset;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.rtp.RtpCounters;
import io.sipdrill.load.rtp.RtpEngine;
import io.sipdrill.load.rtp.RtpPortPool;
import io.sipdrill.load.sip.call.Media;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * SIPp as an independent RTP peer: its built-in {@code uas} plays the carrier answering a
 * handset's outbound call through the embedded POP and PBX, with {@code -rtp_echo} sending every
 * RTP packet it gets on its media port back to where it came from. What the handset's leg then
 * measures (the journal's {@code call} line: what the caller received) is our own stream after a
 * round trip through a third party's RTP stack. Addresses 127.0.102-105.x.
 */
@Tag("sipp")
class SippRtpEchoTest {

    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.102.1", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.103.1", 5060);
    private static final InetSocketAddress CARRIER = new InetSocketAddress("127.0.105.1", 5060);
    private static final String SIPP_MEDIA_PORT = "26000";
    private static final String USER = "1000100";

    @TempDir
    Path tmp;

    private EmbeddedTopology topology;
    private TestPhones phones;
    private RtpEngine rtp;

    @AfterEach
    void stop() {
        if (phones != null) {
            phones.close();
        }
        if (rtp != null) {
            rtp.close();
        }
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void theEchoedStreamArrivesWhole() throws Exception {
        rtp = RtpEngine.start();
        JournalEvent.CallEnded call = callSippEcho(Duration.ofSeconds(5));
        RtpCounters counters = rtp.counters();
        System.out.printf("sipp rtp echo, no loss: loss %.2f%%, jitter %.3f ms, MOS %.3f; %s%n",
                call.rtpLossPct(), call.rtpJitterMs(), call.mos(), counters);
        assertThat(counters.packetsReceived()).as("echoed back").isGreaterThan(200);
        assertThat(call.rtpLossPct()).isCloseTo(0.0, within(0.5));
        assertThat(call.mos()).isGreaterThanOrEqualTo(4.3);
    }

    @Test
    void theLossSeamAtFivePercentComesBackAsFivePercent() throws Exception {
        rtp = RtpEngine.start(new RtpPortPool(), 0.05, new SplittableRandom(11));
        JournalEvent.CallEnded call = callSippEcho(Duration.ofSeconds(10));
        RtpCounters counters = rtp.counters();
        double dropped = 100.0 * counters.droppedOnPurpose() / (counters.packetsSent() + counters.droppedOnPurpose());
        System.out.printf("sipp rtp echo, seam 5%%: dropped %.2f%%, measured loss %.2f%%, jitter %.3f ms, MOS %.3f; %s%n",
                dropped, call.rtpLossPct(), call.rtpJitterMs(), call.mos(), counters);
        assertThat(counters.packetsSent() + counters.droppedOnPurpose()).isGreaterThan(450);
        // 500 packets: the seeded seam's own share is near 5%; what comes back must show exactly that loss.
        assertThat(dropped).isCloseTo(5.0, within(2.0));
        assertThat(call.rtpLossPct()).isCloseTo(dropped, within(0.5));
        assertThat(call.mos()).isBetween(3.5, 4.2);
    }

    /** Registers a handset, lets it call SIPp's echoing uas for {@code talk}, and returns the call's journal line. */
    private JournalEvent.CallEnded callSippEcho(Duration talk) throws Exception {
        topology = new EmbeddedTopology(EmbeddedTopologyConfig.defaults().withAddresses(PRIMARY, BACKUP));
        topology.enableCalls(CallRoles.onBlocks("127.0.102", "127.0.103", CARRIER, 1), Media.NONE);
        topology.start();
        phones = TestPhones.start("127.0.104.1", PRIMARY, BACKUP);
        phones.onLoop(() -> {
            phones.engine().calls().media(rtp);
            return null;
        });
        Handset handset = phones.register(USER);
        HandsetLine line = phones.line(handset, new CallTimes(Duration.ZERO, Duration.ZERO, talk, talk, Duration.ofSeconds(20)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!topology.primaryRegistrar().isRegistered(USER) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(topology.primaryRegistrar().isRegistered(USER)).isTrue();

        try (SippProcess uas = SippProcess.start(tmp, "uas-rtp-echo", List.of("-sn", "uas", "-i", "127.0.105.1",
                "-p", "5060", "-mi", "127.0.105.1", "-mp", SIPP_MEDIA_PORT, "-rtp_echo", "-m", "1", "-timeout", "30"))) {
            Thread.sleep(300); // SIPp binds its sockets
            assertThat(phones.onLoop(() -> line.dial("00441632960002"))).as("dialled").isTrue();
            assertThat(uas.awaitExit(talk.plusSeconds(20))).as(uas.logTail(40)).isEqualTo(SippOutcome.ALL_CALLS_SUCCEEDED);
        }
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (phones.journaled().stream().noneMatch(e -> e instanceof JournalEvent.CallEnded) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        JournalEvent.CallEnded call = phones.journaled().stream().filter(e -> e instanceof JournalEvent.CallEnded)
                .map(e -> (JournalEvent.CallEnded) e).findFirst().orElseThrow();
        assertThat(call.outcome()).isEqualTo("answered");
        assertThat(call.dir()).isEqualTo("out");
        assertThat(call.rtpLossPct()).as("the caller measured media").isNotNull();
        return call;
    }
}
