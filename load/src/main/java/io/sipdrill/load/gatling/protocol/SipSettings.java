package io.sipdrill.load.gatling.protocol;

import io.sipdrill.load.gatling.SipConfigurationException;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.HandsetProfile;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.tls.TlsTrust;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.time.DrillClock;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything a {@link SipProtocol} is configured with. {@code timeScale} shrinks the SIP timers
 * (T1, T2, T4, Timer F); the durations here are drill time and used as given (a time-scaled drill
 * passes them already scaled, as {@link HandsetProfile} takes them).
 *
 * <p>Every mistake is a {@link SipConfigurationException} ("sipdrill: …", one line). The
 * constructor checks the syntax; {@link #checkTargets()} resolves the hosts and applies the
 * target guard (loopback only unless allowed), and runs again when a run starts the engine.
 *
 * @param backup       where handsets fail over to; the registrar itself when not set
 * @param domain       the SIP domain (Request-URI, From/To); the registrar's host when not set
 * @param localAddress the first local address to bind; {@code sockets} consecutive addresses are used
 * @param drillClock   the journal's clock; null: one starting when the engine starts
 * @param allowedTargets address blocks (CIDR) outside loopback the registrar and backup may be in
 * @param transport    {@code udp} or {@code tls} (see {@link #TRANSPORTS})
 * @param trust        the CAs handsets verify the POPs against over TLS; null for UDP
 */
public record SipSettings(String registrar, String backup, String domain, String transport, String localAddress,
                          int sockets, double timeScale, Duration expires, double refreshMin, double refreshMax,
                          int failoverAfter, Duration retryDelay, FailbackMode failback, Duration failbackTimeout,
                          Journal journal, DrillClock drillClock, List<String> allowedTargets, TlsTrust trust) {

    public static final int DEFAULT_PORT = 5060;
    /** The transports handsets register over. */
    public static final List<String> TRANSPORTS = List.of("udp", "tls");

    public SipSettings {
        hostAndPort("registrar", registrar);
        if (backup != null) {
            hostAndPort("backup", backup);
        }
        if (!TRANSPORTS.contains(transport)) {
            throw new SipConfigurationException("transport '" + transport + "' is not supported: use udp or tls");
        }
        Objects.requireNonNull(localAddress, "localAddress");
        if (sockets < 1 || sockets > 250) {
            throw new SipConfigurationException("sockets must be between 1 and 250: " + sockets);
        }
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new SipConfigurationException("time scale must be positive: " + timeScale);
        }
        positive("expires", expires);
        if (!(refreshMin > 0 && refreshMin <= refreshMax && refreshMax < 1)) {
            throw new SipConfigurationException("refreshBetween needs 0 < min <= max < 1: " + refreshMin + ", " + refreshMax);
        }
        if (failoverAfter < 1) {
            throw new SipConfigurationException("failoverAfter must be at least 1: " + failoverAfter);
        }
        notNegative("retryDelay", retryDelay);
        Objects.requireNonNull(failback, "failback mode");
        notNegative("failback timeout", failbackTimeout);
        Objects.requireNonNull(journal, "journal");
        allowedTargets = Objects.requireNonNull(allowedTargets, "allowedTargets").stream()
                .map(SipTargets::checkBlock).toList();
    }

    /** The defaults for a registrar at {@code registrar} ({@code host[:port]}, port 5060 if absent). */
    public static SipSettings defaults(String registrar) {
        return new SipSettings(registrar, null, null, "udp", "127.0.0.1", 4, 1.0, Duration.ofHours(1), 0.5, 0.9,
                2, Duration.ofSeconds(30), FailbackMode.REGISTRATION, Duration.ofMinutes(5), Journal.discarding(), null, List.of(), null);
    }

    /** Normalises a transport name: {@code "UDP"} → {@code "udp"}. */
    public static String transportToken(String transport) {
        Objects.requireNonNull(transport, "transport");
        return transport.strip().toLowerCase(Locale.ROOT);
    }

    /** True when handsets register over TLS. */
    public boolean tls() {
        return "tls".equals(transport);
    }

    /**
     * The trust a TLS run verifies the POPs against.
     *
     * @throws SipConfigurationException when the transport is TLS and no trust was given
     */
    public TlsTrust requiredTrust() {
        if (trust == null) {
            throw new SipConfigurationException("transport tls needs the CAs to verify the registrar with: .trust(…)");
        }
        return trust;
    }

    /** The domain in use: as set, or the registrar's host. */
    public String effectiveDomain() {
        return domain != null ? domain : hostAndPort("registrar", registrar)[0];
    }

    /** SIP timers shrunk by the time scale. */
    public SipTimers timers() {
        return SipTimers.scaled(timeScale);
    }

    /** The handsets' behaviour (drill time, as configured). */
    public HandsetProfile profile() {
        return new HandsetProfile(expires, refreshMin, refreshMax, failoverAfter, retryDelay, failback, failbackTimeout);
    }

    /**
     * Resolves the registrar and the backup and applies the target guard.
     *
     * @throws SipConfigurationException for a host that does not resolve, an address outside
     *                                   loopback that no {@link #allowedTargets} block contains, or
     *                                   TLS without {@link #trust}
     */
    public void checkTargets() {
        backupAddress(registrarAddress());
        if (tls()) {
            requiredTrust();
        }
    }

    /** Resolves the registrar's address (a DNS look-up for a host name) and applies the target guard. */
    public InetSocketAddress registrarAddress() {
        return SipTargets.resolve("registrar", registrar, allowedTargets);
    }

    /** Resolves the backup's address, or the registrar's when no backup is set (target guard included). */
    public InetSocketAddress backupAddress(InetSocketAddress registrarAddress) {
        return backup == null ? registrarAddress : SipTargets.resolve("backup", backup, allowedTargets);
    }

    /** Splits {@code host[:port]} or {@code [v6]:port}; throws naming {@code role} when malformed. */
    static String[] hostAndPort(String role, String value) {
        String v = value == null ? "" : value.strip();
        String host;
        String port;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0) {
                throw bad(role, value);
            }
            host = v.substring(1, close);
            String rest = v.substring(close + 1);
            port = rest.isEmpty() ? null : rest.startsWith(":") ? rest.substring(1) : null;
            if (!rest.isEmpty() && port == null) {
                throw bad(role, value);
            }
        } else {
            int colon = v.indexOf(':');
            if (colon >= 0 && v.indexOf(':', colon + 1) >= 0) {
                throw bad(role, value); // a bare IPv6 literal needs brackets before a port
            }
            host = colon < 0 ? v : v.substring(0, colon);
            port = colon < 0 ? null : v.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw bad(role, value);
        }
        if (port != null && !port.matches("[0-9]{1,9}")) {
            throw bad(role, value);
        }
        int p = port == null ? DEFAULT_PORT : Integer.parseInt(port);
        if (p < 1 || p > 65535) {
            throw new SipConfigurationException(role + " '" + value + "': port " + port + " is out of range 1-65535");
        }
        return new String[] {host, Integer.toString(p)};
    }

    private static SipConfigurationException bad(String role, String value) {
        return new SipConfigurationException(role + " '" + value + "' is not HOST:PORT (e.g. 127.0.1.1:5060;"
                + " [::1]:5060 for IPv6; the port defaults to " + DEFAULT_PORT + ")");
    }

    private static void positive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new SipConfigurationException(what + " must be positive: " + d);
        }
    }

    private static void notNegative(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new SipConfigurationException(what + " must not be negative: " + d);
        }
    }
}
