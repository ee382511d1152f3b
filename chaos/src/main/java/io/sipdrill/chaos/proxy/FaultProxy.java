package io.sipdrill.chaos.proxy;

import io.sipdrill.chaos.toxic.Attributes;
import io.sipdrill.chaos.toxic.Stream;
import io.sipdrill.chaos.toxic.ToxicRegistry;
import io.sipdrill.chaos.toxic.ToxicSpec;
import io.sipdrill.chaos.toxic.ToxicType;
import io.sipdrill.chaos.toxic.Transport;
import io.sipdrill.load.net.AddressBlock;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * sipdrill's fault proxy: named TCP and UDP routes with toxics, the model behind the Toxiproxy API
 * ({@code ToxiproxyApiServer}) and the drills' {@code LinkFaults}. Thread-safe; all socket work
 * runs on one event loop thread.
 *
 * <pre>{@code
 * try (FaultProxy proxy = new FaultProxy(FaultProxy.Options.defaults())) {
 *     proxy.create(RouteSpec.udp("handsets->registrar", "127.0.5.1:5060", "127.0.1.1:5060"));
 *     proxy.addToxic("handsets->registrar", new ToxicRequest("slow", "latency", "downstream", null, Map.of("latency", 200)));
 * }
 * }</pre>
 *
 * Listen and upstream addresses must be loopback unless {@link Options#allowed()} holds them (the
 * project's target guard, {@link AddressBlock#allowedTarget}).
 */
public final class FaultProxy implements AutoCloseable {

    /**
     * @param allowed   address blocks beyond loopback that routes may listen on or point at
     * @param udpIdle   a UDP session with no traffic this long ends
     */
    public record Options(List<AddressBlock> allowed, Duration udpIdle, ToxicRegistry registry) {
        public static Options defaults() {
            return new Options(List.of(), Duration.ofSeconds(60), ToxicRegistry.standard());
        }

        public Options withAllowed(List<AddressBlock> blocks) {
            return new Options(List.copyOf(blocks), udpIdle, registry);
        }

        public Options withUdpIdle(Duration idle) {
            return new Options(allowed, idle, registry);
        }
    }

    private final Options options;
    private final ProxyLoop loop;
    private final SplittableRandom random = new SplittableRandom();
    private final Map<String, Route> routes = new LinkedHashMap<>();

    public FaultProxy(Options options) {
        this.options = options;
        this.loop = new ProxyLoop("sipdrill-fault-proxy");
    }

    public ToxicRegistry registry() {
        return options.registry();
    }

    // ---------------------------------------------------------------- routes

    public synchronized List<Route> routes() {
        return List.copyOf(routes.values());
    }

    /** @throws ProxyException.NotFound when there is no route by that name */
    public synchronized Route route(String name) {
        Route r = routes.get(name);
        if (r == null) {
            throw new ProxyException.NotFound("proxy not found");
        }
        return r;
    }

    /**
     * Creates and (if enabled) starts a route.
     *
     * @throws ProxyException.AlreadyExists, InvalidRequest, ListenFailed
     */
    public synchronized Route create(RouteSpec spec) {
        validate(spec, 0);
        if (routes.containsKey(spec.name())) {
            throw new ProxyException.AlreadyExists("proxy already exists");
        }
        Route r = build(spec);
        routes.put(spec.name(), r);
        return r;
    }

    /**
     * Toxiproxy's {@code /populate}: validates every spec first, then creates each route, or
     * replaces an existing one whose addresses or protocol differ (an unchanged one is kept with
     * its toxics).
     */
    public synchronized List<Route> populate(List<RouteSpec> specs) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            validate(specs.get(i), i + 1);
            if (!names.add(specs.get(i).name())) {
                throw new ProxyException.InvalidRequest("duplicate proxy name \"" + specs.get(i).name() + "\"");
            }
        }
        List<Route> out = new ArrayList<>();
        for (RouteSpec spec : specs) {
            Route existing = routes.get(spec.name());
            if (existing != null && existing.transport() == spec.transport()
                    && sameAddress(existing.listen(), address(spec.listen(), "listen"))
                    && existing.upstream().equals(address(spec.upstream(), "upstream"))) {
                existing.setEnabled(spec.enabled());
                out.add(existing);
                continue;
            }
            if (existing != null) {
                routes.remove(spec.name());
                existing.close();
            }
            Route r = build(spec);
            routes.put(spec.name(), r);
            out.add(r);
        }
        return out;
    }

    /**
     * Toxiproxy's proxy update: any of listen, upstream, enabled ({@code null} = unchanged). A new
     * address restarts the route.
     */
    public synchronized Route update(String name, String listen, String upstream, Boolean enabled) {
        Route r = route(name);
        InetSocketAddress newListen = listen == null ? r.listen() : address(listen, "listen");
        InetSocketAddress newUpstream = upstream == null ? r.upstream() : address(upstream, "upstream");
        if (!sameAddress(r.listen(), newListen) || !newUpstream.equals(r.upstream())) {
            r.setAddresses(newListen, newUpstream);
        }
        if (enabled != null) {
            r.setEnabled(enabled);
        }
        return r;
    }

    public synchronized void delete(String name) {
        Route r = route(name);
        routes.remove(name);
        r.close();
    }

    /** Toxiproxy's {@code /reset}: every route enabled, every toxic removed. */
    public synchronized void reset() {
        for (Route r : routes.values()) {
            r.setToxics(List.of());
            r.setEnabled(true);
        }
    }

    // ---------------------------------------------------------------- toxics

    public synchronized List<ToxicSpec> toxics(String route) {
        return route(route).toxics();
    }

    public synchronized ToxicSpec toxic(String route, String toxic) {
        return find(route(route), toxic);
    }

    /**
     * Adds a toxic to the end of its stream's chain, on every live connection or session too.
     *
     * @throws ProxyException.InvalidRequest for an unknown type or stream, a bad attribute, or a
     *                                       type the route's protocol cannot carry (e.g. slicer on UDP)
     * @throws ProxyException.AlreadyExists when the route has a toxic by that name
     */
    public synchronized ToxicSpec addToxic(String routeName, ToxicRequest request) {
        Route r = route(routeName);
        Stream stream;
        try {
            stream = Stream.parse(request.stream() == null ? "downstream" : request.stream());
        } catch (IllegalArgumentException e) {
            throw new ProxyException.InvalidRequest(e.getMessage());
        }
        ToxicType type = options.registry().type(Objects.requireNonNullElse(request.type(), "")).orElseThrow(
                () -> new ProxyException.InvalidRequest("invalid toxic type" + (request.type() == null ? "" : ": " + request.type())));
        if (!type.supports(r.transport())) {
            throw new ProxyException.InvalidRequest("toxic type " + type.name() + " has no meaning on a "
                    + r.transport().wireName() + " route (works on " + wire(type.transports()) + ")");
        }
        String name = request.name() == null || request.name().isEmpty()
                ? type.name() + "_" + stream.wireName() : request.name();
        if (r.toxics().stream().anyMatch(t -> t.name().equals(name))) {
            throw new ProxyException.AlreadyExists("toxic already exists");
        }
        ToxicSpec spec = spec(name, type, stream, request.toxicity() == null ? 1.0 : request.toxicity(),
                request.attributes(), null);
        List<ToxicSpec> next = new ArrayList<>(r.toxics());
        next.add(spec);
        r.setToxics(next);
        return spec;
    }

    /** Toxiproxy's toxic update: new attribute values on top of the current ones, and/or a new toxicity. */
    public synchronized ToxicSpec updateToxic(String routeName, String toxic, Map<String, ?> attributes, Double toxicity) {
        Route r = route(routeName);
        ToxicSpec old = find(r, toxic);
        ToxicSpec updated = spec(old.name(), old.type(), old.stream(), toxicity == null ? old.toxicity() : toxicity,
                attributes, old.attributes());
        List<ToxicSpec> next = new ArrayList<>(r.toxics());
        next.set(next.indexOf(old), updated);
        r.setToxics(next);
        return updated;
    }

    public synchronized void removeToxic(String routeName, String toxic) {
        Route r = route(routeName);
        ToxicSpec old = find(r, toxic);
        List<ToxicSpec> next = new ArrayList<>(r.toxics());
        next.remove(old);
        r.setToxics(next);
    }

    @Override
    public synchronized void close() {
        for (Route r : routes.values()) {
            try {
                r.close();
            } catch (RuntimeException e) {
                // closing anyway
            }
        }
        routes.clear();
        loop.close();
    }

    /** Handler failures on the proxy loop (a healthy proxy has none). */
    public long loopFailures() {
        return loop.failures();
    }

    // ---------------------------------------------------------------- helpers

    private Route build(RouteSpec spec) {
        InetSocketAddress listen = address(spec.listen(), "listen");
        InetSocketAddress upstream = address(spec.upstream(), "upstream");
        Route r = spec.transport() == Transport.UDP
                ? new DatagramRoute(spec.name(), listen, upstream, loop, random, options.udpIdle())
                : new StreamRoute(spec.name(), listen, upstream, loop, random);
        r.prepare();
        if (spec.enabled()) {
            try {
                r.setEnabled(true);
            } catch (RuntimeException e) {
                r.close();
                throw e;
            }
        }
        return r;
    }

    private void validate(RouteSpec spec, int index) {
        String at = index > 0 ? " at proxy " + index : "";
        if (spec.name() == null || spec.name().isEmpty()) {
            throw new ProxyException.InvalidRequest("missing required field: name" + at);
        }
        if (spec.upstream() == null || spec.upstream().isEmpty()) {
            throw new ProxyException.InvalidRequest("missing required field: upstream" + at);
        }
        address(spec.listen(), "listen");
        address(spec.upstream(), "upstream");
    }

    private ToxicSpec spec(String name, ToxicType type, Stream stream, double toxicity, Map<String, ?> raw, Attributes base) {
        try {
            return new ToxicSpec(name, type, stream, toxicity, type.attributes(raw, base));
        } catch (IllegalArgumentException e) {
            throw new ProxyException.InvalidRequest("bad request body: " + e.getMessage());
        }
    }

    private static ToxicSpec find(Route r, String toxic) {
        return r.toxics().stream().filter(t -> t.name().equals(toxic)).findFirst()
                .orElseThrow(() -> new ProxyException.NotFound("toxic not found"));
    }

    /** {@code HOST:PORT}, {@code [v6]:PORT} or {@code :PORT}; a name is resolved once, here. */
    InetSocketAddress address(String text, String field) {
        if (text == null || text.isEmpty()) {
            if ("listen".equals(field)) {
                return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            }
            throw new ProxyException.InvalidRequest("missing required field: " + field);
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new ProxyException.InvalidRequest(field + " must be HOST:PORT, not '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535 || ("upstream".equals(field) && port == 0)) {
            throw new ProxyException.InvalidRequest(field + " has no valid port: '" + text + "'");
        }
        InetAddress ip;
        try {
            ip = host.isEmpty() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ProxyException.InvalidRequest(field + " host does not resolve: '" + text + "'");
        }
        if (!AddressBlock.allowedTarget(ip, options.allowed())) {
            throw new ProxyException.InvalidRequest(field + " " + text + " is outside loopback; allow it explicitly ("
                    + AddressBlock.exactly(ip) + ") to proxy there");
        }
        return new InetSocketAddress(ip, port);
    }

    private static boolean sameAddress(InetSocketAddress bound, InetSocketAddress requested) {
        return bound.getAddress().equals(requested.getAddress())
                && (requested.getPort() == 0 || bound.getPort() == requested.getPort());
    }

    private static String wire(Set<Transport> ts) {
        return String.join(", ", ts.stream().map(Transport::wireName).sorted().toList());
    }
}
