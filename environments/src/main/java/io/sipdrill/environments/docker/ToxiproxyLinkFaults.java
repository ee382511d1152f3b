package io.sipdrill.environments.docker;

import com.fasterxml.jackson.databind.JsonNode;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.ToxicList;
import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.LinkFaults;
import io.sipdrill.chaos.toxic.Attributes;
import io.sipdrill.chaos.toxic.ToxicRegistry;
import io.sipdrill.chaos.toxic.ToxicType;
import io.sipdrill.chaos.toxic.Transport;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link LinkFaults} on a fault proxy in another process, over the Toxiproxy HTTP API: the compose
 * stack's {@code fault-proxy} (sipdrill's own proxy) or a real Toxiproxy. Links are proxies by
 * name; toxics are checked against sipdrill's {@link ToxicRegistry} when the drill is built, so a
 * bad step fails before anything runs, as with the in-JVM proxy.
 *
 * <p>toxiproxy-java drives the proxies (names, listen and upstream addresses, enable/disable)
 * and the toxic types it has classes for; {@code loss}, {@code duplicate} and {@code reorder}
 * (sipdrill's UDP toxics, which the client does not know) go as one plain API request each.
 *
 * <pre>{@code
 * ToxiproxyLinkFaults links = new ToxiproxyLinkFaults(new InetSocketAddress("127.0.5.100", 8474));
 * Fault slow = links.toxic("handsets->registrar", "latency", Map.of("latency", 8000, "jitter", 2000), Stream.DOWNSTREAM);
 * slow.inject(); … slow.revert();
 * links.revertAll();   // the topology's close: the proxy outlives this run
 * }</pre>
 */
public final class ToxiproxyLinkFaults implements LinkFaults {

    private static final System.Logger LOG = System.getLogger(ToxiproxyLinkFaults.class.getName());

    private final InetSocketAddress api;
    private final ToxiproxyClient client;
    private final ToxiproxyHttp http;
    private final ToxicRegistry registry = ToxicRegistry.standard();
    /** Names are unique per JVM run, so two runs' toxics on one proxy never collide (409). */
    private final String prefix = "sipdrill-" + ProcessHandle.current().pid() + "-";
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Fault> handedOut = Collections.synchronizedList(new ArrayList<>());

    public ToxiproxyLinkFaults(InetSocketAddress api) {
        this.api = api;
        this.client = new ToxiproxyClient(api.getAddress().getHostAddress(), api.getPort());
        this.http = new ToxiproxyHttp(api);
    }

    /** @throws IllegalStateException when the API does not answer (one line) */
    @Override
    public Set<String> links() {
        Set<String> names = new LinkedHashSet<>();
        try {
            client.getProxies().forEach(p -> names.add(p.getName()));
        } catch (IOException e) {
            throw unreachable(e);
        }
        return names;
    }

    /** {@code link}'s proxy as the API reports it (its listen and upstream addresses). */
    Proxy proxy(String link) {
        requireLink(link);
        try {
            return remote(link);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    @Override
    public Fault toxic(String link, String type, Map<String, Object> attributes, Stream stream) {
        requireLink(link);
        ToxicType t = registry.type(type).orElseThrow(() -> new IllegalArgumentException("unknown toxic type '" + type
                + "' (known: " + String.join(", ", registry.types().stream().map(ToxicType::name).toList()) + ")"));
        Transport transport = transport(link);
        if (!t.supports(transport)) {
            throw new IllegalArgumentException("toxic " + type + " has no meaning on link " + link + " ("
                    + transport.wireName() + ")");
        }
        Attributes values;
        try {
            values = t.attributes(attributes, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("toxic " + type + " on " + link + ": " + e.getMessage());
        }
        return handOut(new RemoteToxic(link, type, prefix + type + "-" + sequence.incrementAndGet(), values, stream));
    }

    @Override
    public Fault down(String link) {
        requireLink(link);
        return handOut(new Fault() {
            @Override
            public String name() {
                return "down";
            }

            @Override
            public String target() {
                return link;
            }

            @Override
            public void inject() throws IOException {
                remote(link).disable();
            }

            @Override
            public void revert() throws IOException {
                if (links().contains(link)) {
                    remote(link).enable();
                }
            }

            @Override
            public String detail() {
                return "enabled: false";
            }
        });
    }

    /** Reverts every fault handed out, newest first; never throws. The proxy outlives the run, its toxics must not. */
    public void revertAll() {
        List<Fault> all;
        synchronized (handedOut) {
            all = new ArrayList<>(handedOut);
        }
        Collections.reverse(all);
        for (Fault fault : all) {
            try {
                fault.revert();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "could not revert " + fault.name() + " on " + fault.target() + " at " + http.url(), e);
            }
        }
    }

    private Fault handOut(Fault fault) {
        handedOut.add(fault);
        return fault;
    }

    private void requireLink(String link) {
        Set<String> names = links();
        if (!names.contains(link)) {
            throw new IllegalArgumentException("unknown link '" + link + "' (the fault proxy at " + http.url()
                    + " has: " + String.join(", ", names) + ")");
        }
    }

    /**
     * The client's handle on {@code link}. The client puts the name into its paths as it is, and
     * {@code handsets->registrar}'s '>' is not legal in a URI (sipdrill's API server answers 400),
     * so it gets the name percent-encoded: every later call (toxics, enable) reuses that path.
     */
    private Proxy remote(String link) throws IOException {
        return client.getProxy(ToxiproxyHttp.segment(link));
    }

    /** sipdrill's proxies say {@code "protocol": "udp"}; Toxiproxy's are all TCP and do not say. */
    private Transport transport(String link) {
        try {
            JsonNode proxy = http.get("/proxies/" + ToxiproxyHttp.segment(link));
            return "udp".equals(proxy.path("protocol").asText("tcp")) ? Transport.UDP : Transport.TCP;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + http.url() + " about " + link, e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private IllegalStateException unreachable(IOException e) {
        return new IllegalStateException("the fault proxy's API at " + DockerService.hostPort(api)
                + " does not answer: " + e.getMessage(), e);
    }

    /** One toxic on one link: added on inject, removed on revert (also when a reset removed it meanwhile). */
    private final class RemoteToxic implements Fault {

        private final String link;
        private final String type;
        private final String toxicName;
        private final Attributes values;
        private final Stream stream;
        private boolean added;

        RemoteToxic(String link, String type, String toxicName, Attributes values, Stream stream) {
            this.link = link;
            this.type = type;
            this.toxicName = toxicName;
            this.values = values;
            this.stream = stream;
        }

        @Override
        public String name() {
            return type;
        }

        @Override
        public String target() {
            return link;
        }

        @Override
        public synchronized void inject() throws Exception {
            if (added) {
                return;
            }
            ToxicList toxics = remote(link).toxics();
            ToxicDirection direction = stream == Stream.UPSTREAM ? ToxicDirection.UPSTREAM : ToxicDirection.DOWNSTREAM;
            switch (type) {
                case "latency" -> {
                    // The client creates a latency toxic with its latency only; the jitter follows at once.
                    var latency = toxics.latency(toxicName, direction, values.count("latency"));
                    if (values.count("jitter") != 0) {
                        latency.setJitter(values.count("jitter"));
                    }
                }
                case "bandwidth" -> toxics.bandwidth(toxicName, direction, values.count("rate"));
                case "timeout" -> toxics.timeout(toxicName, direction, values.count("timeout"));
                case "limit_data" -> toxics.limitData(toxicName, direction, values.count("bytes"));
                case "slow_close" -> toxics.slowClose(toxicName, direction, values.count("delay"));
                case "reset_peer" -> toxics.resetPeer(toxicName, direction, values.count("timeout"));
                case "slicer" -> toxics.slicer(toxicName, direction, values.count("average_size"),
                        values.count("size_variation")).setDelay(values.count("delay"));
                default -> http.post(toxicsPath(), body());
            }
            added = true;
        }

        @Override
        public synchronized void revert() throws Exception {
            if (added) {
                // By name, whatever its type: the client could not read a toxic it has no class for.
                http.delete(toxicsPath() + "/" + ToxiproxyHttp.segment(toxicName));
                added = false;
            }
        }

        @Override
        public String detail() {
            return stream.name().toLowerCase(Locale.ROOT) + " " + values.asMap() + " via " + http.url();
        }

        private String toxicsPath() {
            return "/proxies/" + ToxiproxyHttp.segment(link) + "/toxics";
        }

        private Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", toxicName);
            body.put("type", type);
            body.put("stream", stream.name().toLowerCase(Locale.ROOT));
            body.put("toxicity", 1.0);
            body.put("attributes", values.asMap());
            return body;
        }
    }
}
