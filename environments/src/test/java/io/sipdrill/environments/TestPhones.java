package io.sipdrill.environments;

import io.sipdrill.load.calls.CallRecords;
import io.sipdrill.load.calls.CallTimes;
import io.sipdrill.load.calls.HandsetLine;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.Handset;
import io.sipdrill.load.handset.HandsetContext;
import io.sipdrill.load.handset.HandsetProfile;
import io.sipdrill.load.handset.Pop;
import io.sipdrill.load.handset.PopCounts;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.message.RegisterTemplate;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.time.DrillClock;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A test's own handsets on one lean engine (one socket), registering with a topology's POPs with
 * their digest password, and optionally ringing as phone lines. Calls on the engine's loop go
 * through {@link #onLoop}.
 *
 * <pre>{@code
 * try (TestPhones phones = TestPhones.start("127.0.112.1", primary, backup)) {
 *     Handset h = phones.register("1000001");
 *     phones.awaitRegistered(h, Pop.PRIMARY);
 * }
 * }</pre>
 */
public final class TestPhones implements AutoCloseable {

    private static final HandsetProfile PROFILE = new HandsetProfile(Duration.ofMinutes(10), 0.5, 0.9, 2,
            Duration.ofSeconds(1), FailbackMode.REGISTRATION, Duration.ZERO);

    private final SipEngine engine;
    private final ConcurrentLinkedQueue<JournalEvent> journaled = new ConcurrentLinkedQueue<>();
    private final DrillClock clock;
    private final HandsetContext context;
    private int nextId;

    private TestPhones(SipEngine engine, InetSocketAddress primary, InetSocketAddress backup) {
        this.engine = engine;
        this.clock = DrillClock.startingNow(engine.loop());
        Journal journal = new Journal() {
            @Override public void write(JournalEvent e) { journaled.add(e); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        this.context = new HandsetContext(engine.transactions(), new RegisterTemplate("sipdrill.test"), primary, backup,
                journal, clock, new PopCounts(1));
    }

    /** An engine with one socket on {@code host} (ephemeral port), for handsets of {@code primary} and {@code backup}. */
    public static TestPhones start(String host, InetSocketAddress primary, InetSocketAddress backup) {
        return new TestPhones(SipEngine.start(host, 1, SipTimers.RFC3261), primary, backup);
    }

    /** Creates {@code user}'s handset and sends its first REGISTER to the primary. */
    public Handset register(String user) {
        return onLoop(() -> {
            Handset h = Handset.on(engine.sockets().get(0), nextId++, user, "pw-" + user, context, PROFILE, 0.5);
            h.start();
            return h;
        });
    }

    /** Plugs a phone line into {@code handset}: it rings and answers after the ring time, 486 while on a call. */
    public HandsetLine line(Handset handset, CallTimes times) {
        return onLoop(() -> HandsetLine.plugIn(handset, engine.sockets().get(0), engine.calls(), times,
                new CallRecords(context.journal(), clock)));
    }

    /** Waits (5 s at most) until {@code handset} is registered on {@code pop}; false if it never was. */
    public boolean awaitRegistered(Handset handset, Pop pop) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (onLoop(handset::registeredOn) == pop) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Runs {@code action} on the engine's loop and returns its result. */
    public <T> T onLoop(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        engine.loop().execute(() -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.orTimeout(5, TimeUnit.SECONDS).join();
    }

    public SipEngine engine() {
        return engine;
    }

    /** What the handsets and their lines journaled so far. */
    public List<JournalEvent> journaled() {
        return List.copyOf(journaled);
    }

    @Override
    public void close() {
        engine.close();
    }
}
