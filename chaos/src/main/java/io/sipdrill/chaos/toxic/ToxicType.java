package io.sipdrill.chaos.toxic;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A kind of toxic by its Toxiproxy type name: which transports it makes sense on, its attributes,
 * and how to make a fresh instance for one link.
 */
public record ToxicType(String name, Set<Transport> transports, List<Attribute> attributes,
                        Function<Attributes, Toxic> factory) {

    public ToxicType {
        transports = Set.copyOf(transports);
        attributes = List.copyOf(attributes);
    }

    public static ToxicType tcpOnly(String name, Function<Attributes, Toxic> factory, Attribute... attributes) {
        return new ToxicType(name, EnumSet.of(Transport.TCP), List.of(attributes), factory);
    }

    public static ToxicType udpOnly(String name, Function<Attributes, Toxic> factory, Attribute... attributes) {
        return new ToxicType(name, EnumSet.of(Transport.UDP), List.of(attributes), factory);
    }

    public static ToxicType both(String name, Function<Attributes, Toxic> factory, Attribute... attributes) {
        return new ToxicType(name, EnumSet.allOf(Transport.class), List.of(attributes), factory);
    }

    public boolean supports(Transport transport) {
        return transports.contains(transport);
    }

    /**
     * Validates {@code raw} on top of {@code base} (the current values when updating, else the
     * defaults). Unknown attribute names are ignored, as Toxiproxy's decoder does.
     *
     * @throws IllegalArgumentException naming the attribute that does not fit
     */
    public Attributes attributes(Map<String, ?> raw, Attributes base) {
        Map<String, Number> values = new LinkedHashMap<>();
        for (Attribute a : attributes) {
            Object v = raw == null ? null : raw.get(a.name());
            if (v != null) {
                values.put(a.name(), a.check(v));
            } else if (base != null) {
                values.put(a.name(), base.asMap().get(a.name()));
            } else {
                values.put(a.name(), a.defaultValue());
            }
        }
        return new Attributes(values);
    }

    public Attributes defaults() {
        return attributes(Map.of(), null);
    }

    public Toxic create(Attributes values) {
        return factory.apply(values);
    }
}
