package io.sipdrill.chaos.proxy;

import io.sipdrill.chaos.toxic.Stream;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters for one route, written on the event loop and read by anyone: bytes and packets in and
 * out per direction (a packet is a datagram on UDP, a read or a write on TCP), drops per toxic, and
 * drops by the proxy itself by reason (which a healthy run keeps at zero).
 */
public final class RouteMetrics {

    /** Why the proxy itself dropped a packet. */
    public enum ProxyDrop {
        /** The route is disabled (UDP; TCP refuses connections instead). */
        DISABLED,
        /** A socket's send queue was full. */
        OVERFLOW,
        /** The kernel refused the send (e.g. ICMP port unreachable from the target). */
        SEND_ERROR
    }

    private final AtomicLong[] receivedBytes = counters();
    private final AtomicLong[] receivedPackets = counters();
    private final AtomicLong[] sentBytes = counters();
    private final AtomicLong[] sentPackets = counters();
    private final Map<String, AtomicLong> toxicDrops = new ConcurrentHashMap<>();
    private final Map<ProxyDrop, AtomicLong> proxyDrops = new ConcurrentHashMap<>();
    private final AtomicLong links = new AtomicLong();

    private static AtomicLong[] counters() {
        return new AtomicLong[]{new AtomicLong(), new AtomicLong()};
    }

    void received(Stream s, int bytes) {
        receivedBytes[s.ordinal()].addAndGet(bytes);
        receivedPackets[s.ordinal()].incrementAndGet();
    }

    void sent(Stream s, int bytes) {
        sentBytes[s.ordinal()].addAndGet(bytes);
        sentPackets[s.ordinal()].incrementAndGet();
    }

    void toxicDropped(String toxic, Stream s) {
        toxicDrops.computeIfAbsent(toxic + "\u0000" + s.wireName(), k -> new AtomicLong()).incrementAndGet();
    }

    void proxyDropped(ProxyDrop reason) {
        proxyDrops.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
    }

    void linkOpened() {
        links.incrementAndGet();
    }

    void linkClosed() {
        links.decrementAndGet();
    }

    public long receivedBytes(Stream s) {
        return receivedBytes[s.ordinal()].get();
    }

    public long receivedPackets(Stream s) {
        return receivedPackets[s.ordinal()].get();
    }

    public long sentBytes(Stream s) {
        return sentBytes[s.ordinal()].get();
    }

    public long sentPackets(Stream s) {
        return sentPackets[s.ordinal()].get();
    }

    /** Open TCP connections or live UDP sessions. */
    public long openLinks() {
        return links.get();
    }

    public long proxyDrops(ProxyDrop reason) {
        AtomicLong n = proxyDrops.get(reason);
        return n == null ? 0 : n.get();
    }

    public long proxyDrops() {
        return proxyDrops.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Drops by toxic: key {@code toxicName} and stream, value count. */
    public Map<ToxicDropKey, Long> toxicDrops() {
        Map<ToxicDropKey, Long> out = new TreeMap<>();
        toxicDrops.forEach((k, v) -> {
            String[] p = k.split("\u0000", 2);
            out.put(new ToxicDropKey(p[0], Stream.parse(p[1])), v.get());
        });
        return out;
    }

    public long toxicDrops(String toxic) {
        return toxicDrops().entrySet().stream().filter(e -> e.getKey().toxic().equals(toxic))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** A toxic by name and the stream it acts on. */
    public record ToxicDropKey(String toxic, Stream stream) implements Comparable<ToxicDropKey> {
        @Override
        public int compareTo(ToxicDropKey o) {
            int c = toxic.compareTo(o.toxic);
            return c != 0 ? c : stream.compareTo(o.stream);
        }
    }
}
