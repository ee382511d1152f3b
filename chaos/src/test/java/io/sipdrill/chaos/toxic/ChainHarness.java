package io.sipdrill.chaos.toxic;

import io.sipdrill.load.time.ManualScheduler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** A toxic chain on virtual time with a recording sink: what arrived when, closes, resets, drops. */
final class ChainHarness implements ToxicChain.Sink {

    record Delivery(String text, long atMillis, boolean endOfStream) {
    }

    final ManualScheduler clock = new ManualScheduler();
    final List<Delivery> delivered = new ArrayList<>();
    final List<String> dropped = new ArrayList<>();
    final ToxicChain chain;
    int closes;
    int resets;
    private final List<ToxicSpec> specs = new ArrayList<>();

    ChainHarness(Transport transport) {
        this(transport, 42);
    }

    ChainHarness(Transport transport, long seed) {
        chain = new ToxicChain(transport, clock, new SplittableRandom(seed), this,
                (toxic, chunk) -> dropped.add(toxic.name() + ":" + new String(chunk.data(), StandardCharsets.UTF_8)));
    }

    ToxicSpec add(String type, Map<String, ?> attributes) {
        return add(type, 1.0, attributes);
    }

    ToxicSpec add(String type, double toxicity, Map<String, ?> attributes) {
        ToxicType t = ToxicRegistry.standard().type(type).orElseThrow();
        ToxicSpec spec = new ToxicSpec(type + specs.size(), t, Stream.DOWNSTREAM, toxicity, t.attributes(attributes, null));
        specs.add(spec);
        chain.sync(List.copyOf(specs));
        return spec;
    }

    void remove(ToxicSpec spec) {
        specs.remove(spec);
        chain.sync(List.copyOf(specs));
    }

    void send(String text) {
        chain.accept(Chunk.of(text.getBytes(StandardCharsets.UTF_8), clock.nanoTime()));
    }

    void sendEnd() {
        chain.accept(Chunk.endOfStream(clock.nanoTime()));
    }

    void advance(long millis) {
        clock.advance(millis, TimeUnit.MILLISECONDS);
    }

    List<String> texts() {
        return delivered.stream().filter(d -> !d.endOfStream()).map(Delivery::text).toList();
    }

    String joined() {
        return String.join("", texts());
    }

    @Override
    public void deliver(Chunk chunk) {
        delivered.add(new Delivery(new String(chunk.data(), StandardCharsets.UTF_8), clock.nanoTime() / 1_000_000,
                chunk.endOfStream()));
    }

    @Override
    public void close() {
        closes++;
    }

    @Override
    public void reset() {
        resets++;
    }
}
