package io.sipdrill.environments.embedded;

import io.sipdrill.load.sip.auth.Credentials;
import io.sipdrill.load.sip.auth.DigestAlgorithm;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Settings of the {@code embedded} topology; both registrars share all but their address.
 *
 * @param minExpires    seconds (default 1: drills are time-scaled)
 * @param maxExpires    seconds
 * @param nonceLifetime after this a nonce is answered with 401 {@code stale=true}
 */
public record EmbeddedTopologyConfig(InetSocketAddress primary, InetSocketAddress backup, String realm,
                                     DigestAlgorithm algorithm, int minExpires, int maxExpires,
                                     Duration nonceLifetime, CapacitySettings capacity) {

    public static final InetSocketAddress DEFAULT_PRIMARY = new InetSocketAddress("127.0.1.1", 5060);
    public static final InetSocketAddress DEFAULT_BACKUP = new InetSocketAddress("127.0.2.1", 5060);

    /** Primary 127.0.1.1:5060, backup POP 127.0.2.1:5060, and the {@link RegistrarConfig#defaults} values. */
    public static EmbeddedTopologyConfig defaults() {
        RegistrarConfig r = RegistrarConfig.defaults("primary", DEFAULT_PRIMARY);
        return new EmbeddedTopologyConfig(DEFAULT_PRIMARY, DEFAULT_BACKUP, r.realm(), r.algorithm(),
                r.minExpires(), r.maxExpires(), r.nonceLifetime(), r.capacity());
    }

    public EmbeddedTopologyConfig withAddresses(InetSocketAddress p, InetSocketAddress b) {
        return new EmbeddedTopologyConfig(p, b, realm, algorithm, minExpires, maxExpires, nonceLifetime, capacity);
    }

    public EmbeddedTopologyConfig withAlgorithm(DigestAlgorithm a) {
        return new EmbeddedTopologyConfig(primary, backup, realm, a, minExpires, maxExpires, nonceLifetime, capacity);
    }

    public EmbeddedTopologyConfig withCapacity(CapacitySettings c) {
        return new EmbeddedTopologyConfig(primary, backup, realm, algorithm, minExpires, maxExpires, nonceLifetime, c);
    }

    RegistrarConfig registrar(String name, InetSocketAddress address) {
        return new RegistrarConfig(name, address, realm, algorithm, minExpires, maxExpires, nonceLifetime, capacity,
                Credentials.derived());
    }
}
