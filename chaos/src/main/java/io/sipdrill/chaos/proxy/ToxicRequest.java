package io.sipdrill.chaos.proxy;

import java.util.Map;

/**
 * A toxic to add, as Toxiproxy's API takes it; {@code null} fields take Toxiproxy's defaults
 * (stream {@code downstream}, toxicity 1, name {@code TYPE_STREAM}, each attribute's default).
 */
public record ToxicRequest(String name, String type, String stream, Double toxicity, Map<String, ?> attributes) {
}
