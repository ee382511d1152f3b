package io.sipdrill.environments.embedded;

import io.sipdrill.load.sip.auth.Credentials;
import io.sipdrill.load.sip.auth.DigestAlgorithm;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One embedded registrar's settings.
 *
 * @param name          for thread names and reports, e.g. {@code primary}
 * @param minExpires    seconds; shorter requests get 423 Interval Too Brief. Default 1, because drills are time-scaled
 * @param maxExpires    seconds; longer requests are granted this
 * @param nonceLifetime how long a nonce is accepted; after that the answer is 401 with {@code stale=true}
 */
public record RegistrarConfig(String name, InetSocketAddress address, String realm, DigestAlgorithm algorithm,
                              int minExpires, int maxExpires, Duration nonceLifetime, CapacitySettings capacity,
                              Credentials credentials) {

    public static final String DEFAULT_REALM = "sipdrill.test";

    public RegistrarConfig {
        if (minExpires < 1 || maxExpires < minExpires) {
            throw new IllegalArgumentException("need 1 <= minExpires <= maxExpires, got " + minExpires + ".." + maxExpires);
        }
        if (nonceLifetime.isNegative() || nonceLifetime.isZero()) {
            throw new IllegalArgumentException("nonceLifetime must be positive, got " + nonceLifetime);
        }
    }

    /** MD5, realm {@code sipdrill.test}, expires 1..3600 s, nonces valid 300 s, default capacity, derived passwords. */
    public static RegistrarConfig defaults(String name, InetSocketAddress address) {
        return new RegistrarConfig(name, address, DEFAULT_REALM, DigestAlgorithm.MD5, 1, 3600,
                Duration.ofSeconds(300), CapacitySettings.defaults(), Credentials.derived());
    }

    public RegistrarConfig withAlgorithm(DigestAlgorithm a) {
        return new RegistrarConfig(name, address, realm, a, minExpires, maxExpires, nonceLifetime, capacity, credentials);
    }

    public RegistrarConfig withExpires(int min, int max) {
        return new RegistrarConfig(name, address, realm, algorithm, min, max, nonceLifetime, capacity, credentials);
    }

    public RegistrarConfig withNonceLifetime(Duration lifetime) {
        return new RegistrarConfig(name, address, realm, algorithm, minExpires, maxExpires, lifetime, capacity, credentials);
    }

    public RegistrarConfig withCapacity(CapacitySettings c) {
        return new RegistrarConfig(name, address, realm, algorithm, minExpires, maxExpires, nonceLifetime, c, credentials);
    }
}
