package io.sipdrill.chaos.toxic;

import io.sipdrill.load.time.Scheduler;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The toxics on one direction of one connection (TCP) or peer session (UDP), in the order they were
 * added, ending in the route's socket. Owned by the route's event loop thread: not thread-safe.
 *
 * <p>This is the one place toxicity is applied: a TCP toxic rolls once per connection (as in
 * Toxiproxy), a UDP toxic rolls per datagram. It is also where a removed or replaced toxic hands on
 * what it holds, so a toxic change never loses data.
 *
 * <pre>{@code
 * ToxicChain chain = new ToxicChain(Transport.UDP, scheduler, random, sink, drops);
 * chain.sync(route.toxics(Stream.UPSTREAM));   // after every API change
 * chain.accept(Chunk.of(datagram, scheduler.nanoTime()));
 * }</pre>
 */
public final class ToxicChain {

    /** Where the chain ends: the socket the traffic leaves by. */
    public interface Sink {
        void deliver(Chunk chunk);

        /** A toxic ended the connection or session ({@link ToxicContext#close()}). */
        void close();

        /** A toxic reset the connection ({@link ToxicContext#reset()}). */
        void reset();
    }

    /** Told of every chunk a toxic drops on purpose. */
    @FunctionalInterface
    public interface DropListener {
        void dropped(ToxicSpec toxic, Chunk chunk);
    }

    private final Transport transport;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Sink sink;
    private final DropListener drops;
    private final Consumer<Chunk> tail;
    private List<Stage> stages = List.of();
    private boolean disposed;

    public ToxicChain(Transport transport, Scheduler scheduler, RandomGenerator random, Sink sink, DropListener drops) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.random = random;
        this.sink = sink;
        this.drops = drops;
        this.tail = chunk -> {
            if (!disposed) {
                sink.deliver(chunk);
            }
        };
    }

    /** Feeds a chunk read from the socket into the first toxic. */
    public void accept(Chunk chunk) {
        if (!disposed) {
            head().accept(chunk);
        }
    }

    /**
     * Makes the chain match {@code specs} (this direction's toxics, in order): keeps stages whose
     * spec is unchanged, creates stages for new or updated specs, and flushes removed or replaced
     * ones into what now follows them.
     */
    public void sync(List<ToxicSpec> specs) {
        if (disposed) {
            return;
        }
        List<Stage> old = stages;
        Map<ToxicSpec, Stage> byspec = new IdentityHashMap<>();
        for (Stage s : old) {
            byspec.put(s.spec, s);
        }
        List<Stage> next = new ArrayList<>(specs.size());
        List<Stage> created = new ArrayList<>();
        for (ToxicSpec spec : specs) {
            Stage s = byspec.remove(spec);
            if (s == null) {
                s = new Stage(spec);
                created.add(s);
            }
            next.add(s);
        }
        for (int i = 0; i < next.size(); i++) {
            next.get(i).next = i + 1 < next.size() ? next.get(i + 1) : tail;
        }
        stages = List.copyOf(next);
        // Removed stages: whatever they hold goes to the stage that now follows their nearest
        // surviving predecessor (a replacement sits exactly there), in the order they held it.
        for (int i = 0; i < old.size(); i++) {
            Stage r = old.get(i);
            if (!byspec.containsKey(r.spec)) {
                continue;
            }
            Consumer<Chunk> target = head();
            for (int p = i - 1; p >= 0; p--) {
                Stage pred = old.get(p);
                if (!byspec.containsKey(pred.spec)) {
                    target = pred.next;
                    break;
                }
            }
            r.retire(target);
        }
        for (Stage s : created) {
            s.begin();
        }
    }

    /** Whether any toxic holds traffic. */
    public boolean holding() {
        for (Stage s : stages) {
            if (s.toxic instanceof BufferingToxic b && b.holding()) {
                return true;
            }
        }
        return false;
    }

    /** The connection or session is gone: cancel every timer; later chunks go nowhere. */
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        for (Stage s : stages) {
            s.stopTimers();
        }
    }

    public boolean disposed() {
        return disposed;
    }

    private Consumer<Chunk> head() {
        List<Stage> s = stages;
        return s.isEmpty() ? tail : s.get(0);
    }

    /** One toxic on this link: its instance, the toxicity roll, and where its output goes. */
    private final class Stage implements Consumer<Chunk>, ToxicContext {
        final ToxicSpec spec;
        final Toxic toxic;
        /** TCP: rolled once for the connection. */
        final boolean activeForConnection;
        Consumer<Chunk> next;
        boolean retired;

        Stage(ToxicSpec spec) {
            this.spec = spec;
            this.toxic = spec.type().create(spec.attributes());
            this.activeForConnection = roll();
        }

        private boolean roll() {
            double t = spec.toxicity();
            return t >= 1.0 || (t > 0 && random.nextDouble() < t);
        }

        void begin() {
            if (toxic instanceof StatefulToxic st && (transport == Transport.UDP ? spec.toxicity() > 0 : activeForConnection)) {
                st.start(this);
            }
        }

        @Override
        public void accept(Chunk chunk) {
            if (disposed) {
                return;
            }
            boolean applies = !retired && (transport == Transport.TCP ? activeForConnection : roll());
            if (applies) {
                toxic.onChunk(chunk, this);
            } else {
                next.accept(chunk);
            }
        }

        void retire(Consumer<Chunk> target) {
            retired = true;
            next = target;
            if (toxic instanceof BufferingToxic b) {
                b.flush(this);
            }
            stopTimers();
        }

        void stopTimers() {
            if (toxic instanceof StatefulToxic st) {
                st.stop();
            }
            if (toxic instanceof BufferingToxic b && disposed) {
                // The link is gone: flushing cancels the toxic's timers; what it held goes nowhere.
                b.flush(this);
            }
        }

        @Override
        public Scheduler scheduler() {
            return scheduler;
        }

        @Override
        public RandomGenerator random() {
            return random;
        }

        @Override
        public Transport transport() {
            return transport;
        }

        @Override
        public void forward(Chunk chunk) {
            next.accept(chunk);
        }

        @Override
        public void drop(Chunk chunk) {
            drops.dropped(spec, chunk);
        }

        @Override
        public void close() {
            if (!disposed) {
                sink.close();
            }
        }

        @Override
        public void reset() {
            if (!disposed) {
                sink.reset();
            }
        }
    }
}
