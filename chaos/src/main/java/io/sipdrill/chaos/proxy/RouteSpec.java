package io.sipdrill.chaos.proxy;

import io.sipdrill.chaos.toxic.Transport;

/**
 * A route as Toxiproxy's API names it ({@code name}, {@code listen}, {@code upstream},
 * {@code enabled}), plus sipdrill's {@code protocol} (Toxiproxy clients leave it out: {@code tcp}).
 */
public record RouteSpec(String name, String listen, String upstream, boolean enabled, Transport transport) {

    public static RouteSpec tcp(String name, String listen, String upstream) {
        return new RouteSpec(name, listen, upstream, true, Transport.TCP);
    }

    public static RouteSpec udp(String name, String listen, String upstream) {
        return new RouteSpec(name, listen, upstream, true, Transport.UDP);
    }
}
