package io.sipdrill.load.rtp;

import io.sipdrill.load.sip.call.MediaLeg;
import io.sipdrill.load.sip.call.MediaStats;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The engine on real loopback sockets in real time (about 14 s in all). Addresses 127.0.100-101.x. */
class RtpEngineLoopbackTest {

    private static InetSocketAddress sip(String ip) {
        return new InetSocketAddress(ip, 5060);
    }

    @Test
    void aLegBindsAnEvenPortOnItsSipAddressAndSendsG711PacketsByRfc3550() throws Exception {
        try (RtpEngine rtp = RtpEngine.start();
             DatagramChannel peer = DatagramChannel.open().bind(new InetSocketAddress("127.0.100.9", 0))) {
            MediaLeg leg = rtp.open(sip("127.0.100.8"));
            assertThat(leg.local().getAddress().getHostAddress()).isEqualTo("127.0.100.8");
            assertThat(leg.local().getPort() % 2).as("even port").isZero();
            leg.start((InetSocketAddress) peer.getLocalAddress(), 8);
            List<RtpHeader> headers = new ArrayList<>();
            ByteBuffer in = ByteBuffer.allocate(2048);
            for (int i = 0; i < 5; i++) {
                in.clear();
                peer.receive(in); // blocking: the first packets come within ~100 ms
                in.flip();
                assertThat(in.remaining()).isEqualTo(12 + 160);
                headers.add(RtpHeader.readFrom(in));
                assertThat(in.get() & 0xFF).as("A-law of sin(0)").isEqualTo(0xD5);
            }
            assertThat(leg.stop()).as("nothing came back within a second").isNull();
            RtpHeader first = headers.get(0);
            assertThat(first.marker()).isTrue();
            for (int i = 1; i < headers.size(); i++) {
                RtpHeader h = headers.get(i);
                assertThat(h.marker()).isFalse();
                assertThat(h.payloadType()).isEqualTo(8);
                assertThat(h.ssrc()).isEqualTo(first.ssrc());
                assertThat(h.sequence()).isEqualTo((first.sequence() + i) & 0xFFFF);
                assertThat(h.timestamp()).isEqualTo((first.timestamp() + 160L * i) & 0xFFFF_FFFFL);
            }
        }
    }

    @Test
    void stopIsIdempotentAndReleasesThePortForReuse() throws Exception {
        try (RtpEngine rtp = RtpEngine.start(new RtpPortPool(30000, 30002), 0, new SplittableRandom(1))) {
            MediaLeg a = rtp.open(sip("127.0.100.7"));
            MediaLeg b = rtp.open(sip("127.0.100.7"));
            assertThat(List.of(a.local().getPort(), b.local().getPort())).containsExactly(30000, 30002);
            assertThatThrownBy(() -> rtp.open(sip("127.0.100.7"))).isInstanceOf(RtpPortsExhaustedException.class)
                    .hasMessageContaining("127.0.100.7");
            a.start(b.local(), 0);
            b.start(a.local(), 0);
            Thread.sleep(1200);
            MediaStats stats = a.stop();
            assertThat(stats.received()).isGreaterThan(40);
            assertThat(a.stop()).as("second stop").isSameAs(stats);
            b.stop();
            MediaLeg again = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (again == null && System.nanoTime() < deadline) {
                try {
                    again = rtp.open(sip("127.0.100.7"));
                } catch (RtpPortsExhaustedException notYet) {
                    Thread.sleep(5); // released by the engine's thread after its next select
                }
            }
            assertThat(again).isNotNull();
            assertThat(again.local().getPort()).isEqualTo(30000);
        }
    }

    /** 20 calls (40 legs) for 10 s with the seam at 5% on both directions: ≈ 20,000 packets expected. */
    @Test
    void theLossSeamAtFivePercentIsMeasuredAsFivePercent() throws Exception {
        try (RtpEngine lossy = RtpEngine.start(new RtpPortPool(), 0.05, new SplittableRandom(7))) {
            List<MediaStats> stats = talk(lossy, "127.0.100.1", "127.0.100.2", 20, 10_000);
            long received = stats.stream().mapToLong(MediaStats::received).sum();
            double expected = stats.stream().mapToDouble(s -> s.received() / (1 - s.lossPct() / 100)).sum();
            double lossPct = 100 * (expected - received) / expected;
            System.out.printf("rtp loopback, seam 5%%: %d legs, expected %.0f, received %d, loss %.2f%%, "
                            + "jitter max %.3f ms, MOS min %.3f max %.3f; %s%n", stats.size(), expected, received, lossPct,
                    stats.stream().mapToDouble(MediaStats::jitterMs).max().orElse(0),
                    stats.stream().mapToDouble(MediaStats::mos).min().orElse(0),
                    stats.stream().mapToDouble(MediaStats::mos).max().orElse(0), lossy.counters());
            assertThat(expected).isGreaterThanOrEqualTo(10_000);
            assertThat(lossPct).isCloseTo(5.0, within(1.0));
            assertThat(lossy.counters().sendFailures()).isZero();
        }
    }

    /** 10 calls for 3 s without loss: nothing lost and a MOS of at least 4.3 on every leg. */
    @Test
    void withoutLossEveryLegScoresAtLeast43() throws Exception {
        try (RtpEngine clean = RtpEngine.start()) {
            List<MediaStats> stats = talk(clean, "127.0.101.1", "127.0.101.2", 10, 3_000);
            System.out.printf("rtp loopback, no loss: %d legs, loss max %.2f%%, jitter max %.3f ms, MOS min %.3f; %s%n",
                    stats.size(), stats.stream().mapToDouble(MediaStats::lossPct).max().orElse(0),
                    stats.stream().mapToDouble(MediaStats::jitterMs).max().orElse(0),
                    stats.stream().mapToDouble(MediaStats::mos).min().orElse(0), clean.counters());
            assertThat(stats).hasSize(20).allSatisfy(s -> {
                assertThat(s.received()).isGreaterThan(100);
                assertThat(s.lossPct()).isZero();
                assertThat(s.mos()).isGreaterThanOrEqualTo(4.3);
            });
        }
    }

    /** {@code calls} pairs of legs between two IPs streaming to each other for {@code millis}; both ends' statistics. */
    private static List<MediaStats> talk(RtpEngine rtp, String ipA, String ipB, int calls, long millis) throws Exception {
        List<MediaLeg> legs = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            MediaLeg a = rtp.open(sip(ipA));
            MediaLeg b = rtp.open(sip(ipB));
            a.start(b.local(), 0);
            b.start(a.local(), 0);
            legs.add(a);
            legs.add(b);
        }
        Thread.sleep(millis);
        List<MediaStats> stats = new ArrayList<>();
        for (MediaLeg leg : legs) {
            stats.add(leg.stop());
        }
        return stats;
    }
}
