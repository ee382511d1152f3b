package io.sipdrill.chaos.proxy;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.LinkFaults;
import io.sipdrill.chaos.toxic.ToxicType;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link LinkFaults} on an in-process {@link FaultProxy}: a link is a route by name
 * ({@code handsets->registrar}); no HTTP in between.
 *
 * <pre>{@code
 * LinkFaults links = new ProxyLinkFaults(proxy);
 * Fault slow = links.toxic("handsets->registrar", "latency", Map.of("latency", 8000), Stream.DOWNSTREAM);
 * slow.inject(); … slow.revert();
 * }</pre>
 */
public final class ProxyLinkFaults implements LinkFaults {

    private final FaultProxy proxy;
    private final AtomicInteger sequence = new AtomicInteger();

    public ProxyLinkFaults(FaultProxy proxy) {
        this.proxy = proxy;
    }

    @Override
    public Set<String> links() {
        Set<String> names = new LinkedHashSet<>();
        proxy.routes().forEach(r -> names.add(r.name()));
        return names;
    }

    @Override
    public Fault toxic(String link, String type, Map<String, Object> attributes, Stream stream) {
        Route route = route(link);
        ToxicType t = proxy.registry().type(type).orElseThrow(() -> new IllegalArgumentException(
                "unknown toxic type '" + type + "' (known: " + String.join(", ",
                        proxy.registry().types().stream().map(ToxicType::name).toList()) + ")"));
        if (!t.supports(route.transport())) {
            throw new IllegalArgumentException("toxic " + type + " has no meaning on link " + link + " ("
                    + route.transport().wireName() + ")");
        }
        try {
            t.attributes(attributes, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("toxic " + type + " on " + link + ": " + e.getMessage());
        }
        String name = "drill-" + type + "-" + sequence.incrementAndGet();
        String wireStream = stream.name().toLowerCase(java.util.Locale.ROOT);
        return new Fault() {
            private boolean added;

            @Override
            public String name() {
                return type;
            }

            @Override
            public String target() {
                return link;
            }

            @Override
            public synchronized void inject() {
                if (!added) {
                    proxy.addToxic(link, new ToxicRequest(name, type, wireStream, 1.0, attributes));
                    added = true;
                }
            }

            @Override
            public synchronized void revert() {
                if (added) {
                    try {
                        proxy.removeToxic(link, name);
                    } catch (ProxyException.NotFound e) {
                        // removed meanwhile (a /reset): reverted all the same
                    }
                    added = false;
                }
            }

            @Override
            public String detail() {
                return wireStream + " " + attributes;
            }
        };
    }

    @Override
    public Fault down(String link) {
        route(link);
        return new Fault() {
            @Override
            public String name() {
                return "down";
            }

            @Override
            public String target() {
                return link;
            }

            @Override
            public void inject() {
                proxy.update(link, null, null, false);
            }

            @Override
            public void revert() {
                try {
                    proxy.update(link, null, null, true);
                } catch (ProxyException.NotFound e) {
                    // the route is gone: nothing left to bring up
                }
            }

            @Override
            public String detail() {
                return "enabled: false";
            }
        };
    }

    private Route route(String link) {
        try {
            return proxy.route(link);
        } catch (ProxyException.NotFound e) {
            throw new IllegalArgumentException("unknown link '" + link + "' (links: " + String.join(", ", links()) + ")");
        }
    }
}
