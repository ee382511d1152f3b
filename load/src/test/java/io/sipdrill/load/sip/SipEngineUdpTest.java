package io.sipdrill.load.sip;

import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.FleetConfig;
import io.sipdrill.load.handset.HandsetFleet;
import io.sipdrill.load.handset.HandsetProfile;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.auth.Credentials;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.time.DrillClock;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real sockets, real time: many handsets share a small socket pool, a bare UDP responder plays
 * registrar (200 to everything), and garbage sent at the handset sockets is counted, not fatal.
 * (Digest and Kamailio paths are covered by the environments module's tests.)
 */
class SipEngineUdpTest {

    @Test
    void manyHandsetsShareTwoSocketsAndGarbageIsCountedNotFatal() throws Exception {
        try (DatagramSocket registrar = new DatagramSocket(new InetSocketAddress("127.0.51.1", 0));
             SipEngine engine = SipEngine.start("127.0.51.10", 2, SipTimers.scaled(10))) {
            registrar.setSoTimeout(100);
            Set<String> sourcePorts = new HashSet<>();
            Thread responder = new Thread(() -> respondOk(registrar, sourcePorts));
            responder.setDaemon(true);
            responder.start();

            ConcurrentLinkedQueue<JournalEvent> events = new ConcurrentLinkedQueue<>();
            Journal journal = new Journal() {
                @Override public void write(JournalEvent e) { events.add(e); }
                @Override public void flush() { }
                @Override public void close() { }
            };
            InetSocketAddress target = (InetSocketAddress) registrar.getLocalSocketAddress();
            HandsetProfile profile = new HandsetProfile(Duration.ofSeconds(60), 0.5, 0.9, 3, Duration.ofSeconds(1),
                    FailbackMode.NEVER, Duration.ZERO);
            FleetConfig config = new FleetConfig(200, 0, "sipdrill.test", target, target, Credentials.derived(), profile,
                    new PopulationMix(List.of(new PopulationMix.Share(1, FailbackMode.NEVER, Duration.ZERO))), 1);
            HandsetFleet fleet = HandsetFleet.create(config, engine, journal, DrillClock.startingNow(engine.loop()));

            // garbage first: the loop must survive it
            try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress("127.0.51.2", 0))) {
                for (var socket : engine.sockets()) {
                    for (String junk : new String[] {"SIP/2.0 999", "SIP/2.0 200 OK\r\n\r\n", "\u0000\u0001\u0002garbage",
                            "INVITE sip:x SIP/2.0\r\n\r\n"}) {
                        byte[] b = junk.getBytes(StandardCharsets.ISO_8859_1);
                        attacker.send(new DatagramPacket(b, b.length, socket.address()));
                    }
                }
            }
            fleet.start(Duration.ofMillis(200));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (fleet.counts().primary() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(fleet.counts().primary()).isEqualTo(200);
            assertThat(sourcePorts).as("200 handsets, two sockets").hasSize(2);
            long deadlineCounters = System.nanoTime() + 2_000_000_000L;
            while (engine.transactions().counters().malformedMessages() < 4 && System.nanoTime() < deadlineCounters) {
                Thread.sleep(10);
            }
            // Each socket got four bad datagrams; requests are parsed whole now (calls), so the
            // header-less INVITE and the binary junk count as malformed too.
            assertThat(engine.transactions().counters().malformedMessages()).isEqualTo(8);
            assertThat(engine.transactions().counters().unexpectedRequests()).isZero();
            assertThat(engine.loop().taskFailures()).isZero();
            fleet.stop();
        }
    }

    private static final Pattern VIA = Pattern.compile("Via: ([^\r\n]+)");
    private static final Pattern CSEQ = Pattern.compile("CSeq: ([^\r\n]+)");

    private static void respondOk(DatagramSocket socket, Set<String> sourcePorts) {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (java.net.SocketTimeoutException e) {
                continue;
            } catch (Exception e) {
                return;
            }
            String req = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
            sourcePorts.add(p.getAddress().getHostAddress() + ":" + p.getPort());
            Matcher via = VIA.matcher(req);
            Matcher cseq = CSEQ.matcher(req);
            if (!via.find() || !cseq.find()) {
                continue;
            }
            byte[] resp = ("SIP/2.0 200 OK\r\nVia: " + via.group(1) + "\r\nCSeq: " + cseq.group(1)
                    + "\r\nExpires: 60\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            try {
                socket.send(new DatagramPacket(resp, resp.length, p.getSocketAddress()));
            } catch (Exception e) {
                return;
            }
        }
    }
}
