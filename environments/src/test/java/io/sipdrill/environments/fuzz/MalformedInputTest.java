package io.sipdrill.environments.fuzz;

import io.sipdrill.chaos.proxy.FaultProxy;
import io.sipdrill.chaos.proxy.Route;
import io.sipdrill.chaos.proxy.RouteSpec;
import io.sipdrill.chaos.toxic.Stream;
import io.sipdrill.environments.TestPhones;
import io.sipdrill.environments.embedded.EmbeddedRegistrar;
import io.sipdrill.environments.embedded.RegistrarConfig;
import io.sipdrill.environments.embedded.pbx.EmbeddedPbx;
import io.sipdrill.environments.embedded.pbx.PbxConfig;
import io.sipdrill.load.handset.Handset;
import io.sipdrill.load.handset.Pop;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalMapper;
import io.sipdrill.load.journal.JsonLinesJournal;
import io.sipdrill.load.sip.transaction.SipTimers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9's malformed-input acceptance: more than 10,000 torture and fuzzed datagrams at the
 * embedded registrar (JAIN-SIP RI), an embedded PBX (the lean engine), a handset socket with
 * handsets registered to that registrar, and a fault-proxy UDP route. Every receiver survives
 * (nothing uncaught, no error escaping to a log or an event loop), counts what it had to drop, and
 * still works afterwards; the counts go to the journal as the drill runner writes them.
 *
 * <p>What the counts must be: a datagram whose first line is no SIP start line at all (per
 * {@link StartLine}, a parser-independent oracle) is malformed for everyone, so each SIP receiver's
 * count is at least the number of those it got; and at most the number of datagrams it got, since
 * a datagram is counted once. In between, messages that are invalid deeper down may be counted or,
 * where the receiver can still make sense of them (a bad optional header, an odd but parseable
 * request), answered — which is allowed, and is what the corpus's valid-but-tricky messages are for.
 * The proxy is no SIP receiver: it forwards bytes, so every datagram must come out the other end.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MalformedInputTest {

    private static final int PER_RECEIVER = 2_600;
    private static final long SEED = 4475;

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler previousHandler;
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue() || r.getThrown() != null) {
                errors.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void watch() {
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        Logger.getLogger("").addHandler(logCapture);
    }

    @AfterEach
    void unwatch() {
        Logger.getLogger("").removeHandler(logCapture);
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }

    @Test
    void tortureAndFuzzedMessagesAreCountedDroppedAndJournaledWhileEveryReceiverKeepsWorking(@TempDir Path dir)
            throws Exception {
        InetSocketAddress registrarAddress = freeUdp("127.0.35.1");
        InetSocketAddress unused = freeUdp("127.0.35.2"); // backup POP and the PBX's voicemail/carrier: nobody there
        // Granted expiry 2 s: the handsets refresh every second or so, during the fuzz and after it.
        RegistrarConfig config = RegistrarConfig.defaults("registrar", registrarAddress).withExpires(1, 2);
        try (EmbeddedRegistrar registrar = new EmbeddedRegistrar(config);
             EmbeddedPbx pbx = EmbeddedPbx.start(new PbxConfig("pbx-1", freeUdp("127.0.36.1"), registrarAddress, unused,
                     unused, Duration.ofSeconds(1)), SipTimers.RFC3261);
             TestPhones phones = TestPhones.start("127.0.37.1", registrarAddress, unused);
             FaultProxy proxy = new FaultProxy(FaultProxy.Options.defaults());
             Sink sink = new Sink("127.0.38.2");
             MalformedTraffic traffic = new MalformedTraffic("127.0.39.1")) {
            registrar.start();
            Handset handset = phones.register("1000001");
            assertThat(phones.awaitRegistered(handset, Pop.PRIMARY)).as("handset registered before the fuzz").isTrue();
            Route route = proxy.create(RouteSpec.udp("fuzz", "127.0.38.1:0", hostPort(sink.address())));
            InetSocketAddress handsetSocket = phones.engine().sockets().get(0).address();

            MalformedTraffic.Sent toRegistrar = traffic.send(registrarAddress, ValidMessages.REQUESTS, PER_RECEIVER, SEED, 0);
            MalformedTraffic.Sent toPbx = traffic.send(pbx.address(), ValidMessages.REQUESTS, PER_RECEIVER, SEED + 1, 100_000);
            MalformedTraffic.Sent toHandsets = traffic.send(handsetSocket, ValidMessages.TO_HANDSET, PER_RECEIVER, SEED + 2, 200_000);
            long refreshesBefore = okRegisters(phones);
            MalformedTraffic.Sent toProxy = traffic.send(route.listen(), ValidMessages.REQUESTS, PER_RECEIVER, SEED + 3, 300_000);

            LongSupplier handsetMalformed = () -> phones.onLoop(() -> phones.engine().transactions().counters().malformedMessages());
            settle(registrar::malformedMessages);
            settle(pbx::malformedMessages);
            settle(handsetMalformed);
            settle(sink::datagrams);

            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("registrar", registrar.malformedMessages());
            counts.put("pbx-1", pbx.malformedMessages());
            counts.put("handsets", handsetMalformed.getAsLong());
            System.out.printf("fuzz: sent %d datagrams (%d each: %d torture + %d mutated, seed %d); broken start lines"
                            + " registrar %d, pbx %d, handsets %d; malformed counted %s; proxy forwarded %d/%d;"
                            + " replies %d; registrar delivered %d requests%n",
                    toRegistrar.datagrams() + toPbx.datagrams() + toHandsets.datagrams() + toProxy.datagrams(), PER_RECEIVER,
                    toRegistrar.corpus(), toRegistrar.mutated(), SEED, toRegistrar.brokenStartLines(), toPbx.brokenStartLines(),
                    toHandsets.brokenStartLines(), counts, route.metrics().sentPackets(Stream.UPSTREAM), toProxy.datagrams(),
                    traffic.replies(), registrar.requestsReceived());

            assertThat(toRegistrar.datagrams() + toPbx.datagrams() + toHandsets.datagrams() + toProxy.datagrams())
                    .as("datagrams sent in all").isGreaterThanOrEqualTo(10_000);
            assertThat(registrar.malformedMessages()).as("registrar's malformed count: at least the broken start lines, at most all sent")
                    .isBetween((long) toRegistrar.brokenStartLines(), (long) toRegistrar.datagrams());
            assertThat(pbx.malformedMessages()).as("PBX's malformed count: at least the broken start lines, at most all sent")
                    .isBetween((long) toPbx.brokenStartLines(), (long) toPbx.datagrams());
            assertThat(counts.get("handsets")).as("handset engine's malformed count: at least the broken start lines, at most all sent")
                    .isBetween((long) toHandsets.brokenStartLines(), (long) toHandsets.datagrams());
            assertThat(toRegistrar.brokenStartLines()).as("the fuzz breaks start lines at all").isGreaterThan(100);

            assertThat(route.metrics().proxyDrops()).as("proxy dropped nothing").isZero();
            assertThat(route.metrics().receivedPackets(Stream.UPSTREAM)).as("proxy took every datagram").isEqualTo(toProxy.datagrams());
            assertThat(route.metrics().sentPackets(Stream.UPSTREAM)).as("proxy forwarded every datagram").isEqualTo(toProxy.datagrams());
            // A zero-length datagram is counted as forwarded, but NIO's write() of an empty buffer sends nothing.
            assertThat(sink.datagrams()).as("every non-empty datagram arrived behind the proxy")
                    .isEqualTo(toProxy.datagrams() - toProxy.empty());

            // Still working afterwards.
            assertThat(answers(registrarAddress, "registrar")).as("registrar answers OPTIONS after the fuzz").startsWith("SIP/2.0 200");
            assertThat(answers(pbx.address(), "pbx")).as("PBX answers OPTIONS after the fuzz").startsWith("SIP/2.0 200");
            Handset late = phones.register("1000002");
            assertThat(phones.awaitRegistered(late, Pop.PRIMARY)).as("a new handset registers after the fuzz").isTrue();
            assertThat(awaitMore(() -> okRegisters(phones), refreshesBefore + 2))
                    .as("the fuzzed handset socket's handsets keep refreshing (ok REGISTERs after the fuzz)").isTrue();
            assertThat(phones.onLoop(handset::registeredOn)).as("the first handset is still registered").isEqualTo(Pop.PRIMARY);
            long forwardedBefore = sink.datagrams();
            byte[] probe = ValidMessages.OPTIONS.bytes(hostPort(route.listen()), "127.0.39.1:5060", 999_999);
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.39.2", 0))) {
                s.send(new DatagramPacket(probe, probe.length, route.listen()));
            }
            assertThat(awaitMore(sink::datagrams, forwardedBefore + 1)).as("proxy still forwards after the fuzz").isTrue();

            // Nothing escaped.
            assertThat(uncaught).as("uncaught exceptions in any thread").isEmpty();
            assertThat(errors).as("warnings or errors logged (JAIN-SIP's go through the quiet logger)")
                    .extracting(r -> r.getLoggerName() + ": " + r.getMessage()).isEmpty();
            assertThat(pbx.loop().taskFailures()).as("exceptions escaping to the PBX's event loop").isZero();
            assertThat(phones.engine().loop().taskFailures()).as("exceptions escaping to the handsets' event loop").isZero();
            assertThat(proxy.loopFailures()).as("failures on the proxy's loop").isZero();

            // Journaled as the drill runner writes it, and read back as the report reads it.
            Path journalFile = dir.resolve("journal.jsonl");
            try (JsonLinesJournal journal = new JsonLinesJournal(journalFile)) {
                journal.write(new JournalEvent.MalformedInput(1_000, counts));
            }
            List<JournalEvent> read = JournalMapper.readAll(journalFile);
            assertThat(read).as("the journal's malformed line").singleElement()
                    .isInstanceOfSatisfying(JournalEvent.MalformedInput.class, m -> {
                        assertThat(m.receivers()).as("counts per receiver").isEqualTo(counts);
                        assertThat(m.total()).as("total").isGreaterThan(0);
                    });
        }
    }

    /** ok REGISTER transactions the test's handsets journaled so far (initial and refreshes). */
    private static long okRegisters(TestPhones phones) {
        return phones.journaled().stream().filter(e -> e instanceof JournalEvent.Transaction tx
                && "REGISTER".equals(tx.method()) && "ok".equals(tx.outcome())).count();
    }

    /** Waits (10 s at most) until {@code value} reaches {@code target}. */
    private static boolean awaitMore(LongSupplier value, long target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (value.getAsLong() >= target) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Waits until {@code counter} has not moved for 300 ms (5 s at most): the receiver has read everything sent. */
    private static void settle(LongSupplier counter) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = counter.getAsLong();
            if (now == last) {
                return;
            }
            last = now;
            Thread.sleep(300);
        }
    }

    /** Sends a valid OPTIONS from a fresh socket and returns the reply's first line ("" on no reply in 5 s). */
    private static String answers(InetSocketAddress target, String tag) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.39.3", 0))) {
            s.setSoTimeout(5_000);
            String client = "127.0.39.3:" + s.getLocalPort();
            byte[] options = ValidMessages.OPTIONS.bytes(hostPort(target), client, tag.hashCode() & 0xffff);
            s.send(new DatagramPacket(options, options.length, target));
            byte[] buf = new byte[65535];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            try {
                s.receive(reply);
            } catch (java.net.SocketTimeoutException e) {
                return "";
            }
            return new String(buf, 0, reply.getLength(), StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
        }
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private static InetSocketAddress freeUdp(String host) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(host, 0))) {
            return new InetSocketAddress(host, s.getLocalPort());
        }
    }

    /** A UDP socket behind the proxy that counts what arrives. */
    private static final class Sink implements AutoCloseable {
        private final DatagramSocket socket;
        private final AtomicLong datagrams = new AtomicLong();

        Sink(String host) throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(host, 0));
            socket.setReceiveBufferSize(4 << 20);
            Thread t = new Thread(() -> {
                byte[] buf = new byte[65535];
                while (!socket.isClosed()) {
                    try {
                        socket.receive(new DatagramPacket(buf, buf.length));
                        datagrams.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "fuzz-sink");
            t.setDaemon(true);
            t.start();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        long datagrams() {
            return datagrams.get();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
