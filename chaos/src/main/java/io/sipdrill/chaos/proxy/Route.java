package io.sipdrill.chaos.proxy;

import io.sipdrill.chaos.toxic.Chunk;
import io.sipdrill.chaos.toxic.Stream;
import io.sipdrill.chaos.toxic.ToxicChain;
import io.sipdrill.chaos.toxic.ToxicSpec;
import io.sipdrill.chaos.toxic.Transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One named route of the fault proxy: a listen address, an upstream address, and the toxics on it.
 * Reads are safe from any thread; changes go through {@link FaultProxy}, which runs the socket work
 * on the proxy's loop.
 */
public abstract sealed class Route permits StreamRoute, DatagramRoute {

    final String name;
    final ProxyLoop loop;
    final RandomGenerator random;
    final RouteMetrics metrics = new RouteMetrics();
    private volatile InetSocketAddress listen;
    private volatile InetSocketAddress upstream;
    private volatile boolean enabled;
    private volatile List<ToxicSpec> toxics = List.of();

    Route(String name, InetSocketAddress listen, InetSocketAddress upstream, ProxyLoop loop, RandomGenerator random) {
        this.name = name;
        this.listen = listen;
        this.upstream = upstream;
        this.loop = loop;
        this.random = random;
    }

    public String name() {
        return name;
    }

    public abstract Transport transport();

    /** The bound address once the route has listened (a requested port 0 shows the real port). */
    public InetSocketAddress listen() {
        return listen;
    }

    public InetSocketAddress upstream() {
        return upstream;
    }

    public boolean enabled() {
        return enabled;
    }

    public RouteMetrics metrics() {
        return metrics;
    }

    /** Every toxic on the route, in the order added (both streams). */
    public List<ToxicSpec> toxics() {
        return toxics;
    }

    public List<ToxicSpec> toxics(Stream stream) {
        return toxics.stream().filter(t -> t.stream() == stream).toList();
    }

    // ---- changed by FaultProxy (under its lock) ----

    void setToxics(List<ToxicSpec> specs) {
        this.toxics = List.copyOf(specs);
        loop.execute(this::syncToxics);
    }

    void setEnabled(boolean on) {
        if (on == enabled) {
            return;
        }
        loop.run(() -> {
            if (on) {
                openOnLoop();
            } else {
                disableOnLoop();
            }
        });
        enabled = on;
    }

    void setAddresses(InetSocketAddress newListen, InetSocketAddress newUpstream) {
        boolean was = enabled;
        if (was) {
            setEnabled(false);
        }
        loop.run(this::closeOnLoop);
        listen = newListen;
        upstream = newUpstream;
        if (was) {
            setEnabled(true);
        } else {
            loop.run(this::prepareOnLoop);
        }
    }

    /** Binds what a disabled route keeps bound (UDP keeps its socket); nothing for TCP. */
    void prepare() {
        loop.run(this::prepareOnLoop);
    }

    void close() {
        loop.run(this::closeOnLoop);
        enabled = false;
    }

    void boundTo(InetSocketAddress actual) {
        this.listen = actual;
    }

    ToxicChain newChain(Stream stream, ToxicChain.Sink sink, LinkDrops drops) {
        ToxicChain chain = new ToxicChain(transport(), loop, random, sink, (toxic, chunk) -> {
            metrics.toxicDropped(toxic.name(), stream);
            drops.dropped(chunk);
        });
        chain.sync(toxics(stream));
        return chain;
    }

    /** Lets a link account for bytes a toxic dropped (TCP flow control). */
    @FunctionalInterface
    interface LinkDrops {
        LinkDrops NONE = c -> { };

        void dropped(Chunk chunk);
    }

    static ProxyException.ListenFailed listenFailed(InetSocketAddress a, Transport t, IOException e) {
        return new ProxyException.ListenFailed("listen " + t.wireName() + " " + a.getAddress().getHostAddress() + ":"
                + a.getPort() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
    }

    /** Loop thread: start listening (and accepting / forwarding). */
    abstract void openOnLoop();

    /** Loop thread: take the route down (Toxiproxy's {@code enabled: false}). */
    abstract void disableOnLoop();

    /** Loop thread: release every socket. */
    abstract void closeOnLoop();

    void prepareOnLoop() {
    }

    /** Loop thread: bring every live link's chains in line with {@link #toxics()}. */
    abstract void syncToxics();
}
