package io.sipdrill.environments;

import io.sipdrill.load.tls.TestCertificateAuthority;
import io.sipdrill.load.tls.TestCertificateAuthority.ServerCertificate;
import io.sipdrill.load.tls.TlsTrust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * SIP over TLS on the handsets' side of a topology's two POPs, for one run: a throw-away
 * {@link TestCertificateAuthority}, a TLS listener on port {@value #PORT} of each POP's own address,
 * and for each POP a certificate whose IP subject alternative names are that address and every
 * other address handsets connect to for it (a fault-proxy listener in front of it, see
 * {@link #alsoReachedAt}). Handsets verify against {@link #trust()}, as a real phone would.
 *
 * <pre>{@code
 * HandsetTls tls = HandsetTls.create(runDir.resolve("tls"))
 *         .alsoReachedAt(links.toPrimary().getAddress(), links.toBackup().getAddress());
 * topology.enableTls(tls);   // before start()
 * topology.start();
 * target = target.withHandsetsOverTls(tls.trust(), HandsetTls.listener(primary), HandsetTls.listener(backup));
 * }</pre>
 */
public final class HandsetTls {

    /** SIP over TLS's port (RFC 3261 §19.1.2), on each POP's own address. */
    public static final int PORT = 5061;
    public static final String PRIMARY = "primary";
    public static final String BACKUP = "backup";

    private final TestCertificateAuthority ca;
    private final Path dir;
    private final String keyStorePassword;
    private final List<InetAddress> primaryAliases;
    private final List<InetAddress> backupAliases;

    private HandsetTls(TestCertificateAuthority ca, Path dir, String keyStorePassword,
                       List<InetAddress> primaryAliases, List<InetAddress> backupAliases) {
        this.ca = ca;
        this.dir = dir;
        this.keyStorePassword = keyStorePassword;
        this.primaryAliases = List.copyOf(primaryAliases);
        this.backupAliases = List.copyOf(backupAliases);
    }

    /** A new CA for this run; keys and certificates are written under {@code dir} when a topology asks for them. */
    public static HandsetTls create(Path dir) {
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        // A fresh, never-printed password per run: the key store guards a throw-away key on a loopback drill.
        return new HandsetTls(TestCertificateAuthority.create("sipdrill run CA"), dir, HexFormat.of().formatHex(secret),
                List.of(), List.of());
    }

    /**
     * The same CA with the certificates also naming {@code primary} and {@code backup}: the
     * addresses of listeners (a fault proxy's) that handsets connect to in place of each POP.
     */
    public HandsetTls alsoReachedAt(InetAddress primary, InetAddress backup) {
        List<InetAddress> p = new ArrayList<>(primaryAliases);
        p.add(Objects.requireNonNull(primary, "primary"));
        List<InetAddress> b = new ArrayList<>(backupAliases);
        b.add(Objects.requireNonNull(backup, "backup"));
        return new HandsetTls(ca, dir, keyStorePassword, p, b);
    }

    /** What handsets verify the POPs' certificates against: this run's CA alone. */
    public TlsTrust trust() {
        return ca.trust();
    }

    /** The TLS listener beside a POP's UDP address: the same IP, port {@value #PORT}. */
    public static InetSocketAddress listener(InetSocketAddress pop) {
        return new InetSocketAddress(pop.getAddress(), PORT);
    }

    /** The addresses {@code role}'s certificate names: {@code address} first, then the aliases. */
    public List<InetAddress> names(String role, InetAddress address) {
        List<InetAddress> all = new ArrayList<>();
        all.add(address);
        for (InetAddress alias : aliases(role)) {
            if (!all.contains(alias)) {
                all.add(alias);
            }
        }
        return all;
    }

    /**
     * Issues {@code role}'s certificate and writes it with its key as PKCS12 (for the JAIN-SIP RI):
     * {@code DIR/ROLE.p12}, protected by {@link KeyStoreFile#password()}.
     */
    public KeyStoreFile writePkcs12(String role, InetAddress address) {
        try {
            Path file = issue(role, address).writePkcs12(dir.resolve(role + ".p12"), keyStorePassword);
            return new KeyStoreFile(file, keyStorePassword);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + role + " key store: " + e.getMessage(), e);
        }
    }

    /**
     * Issues {@code role}'s certificate and writes it as PEM (for Kamailio's tls module) into
     * {@code DIR/ROLE/}: {@code server.pem}, {@code server.key}, {@code ca.pem}. Returns that folder.
     */
    public Path writePem(String role, InetAddress address) {
        try {
            return issue(role, address).writePem(dir.resolve(role));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + role + " certificate: " + e.getMessage(), e);
        }
    }

    private ServerCertificate issue(String role, InetAddress address) {
        return ca.issueServer("sipdrill " + role, names(role, address).toArray(new InetAddress[0]));
    }

    private List<InetAddress> aliases(String role) {
        return switch (role) {
            case PRIMARY -> primaryAliases;
            case BACKUP -> backupAliases;
            default -> throw new IllegalArgumentException("no POP role " + role + " (primary or backup)");
        };
    }

    /** A PKCS12 key store and the password that opens it. */
    public record KeyStoreFile(Path file, String password) {
        @Override
        public String toString() {
            return "KeyStoreFile[" + file + "]"; // never the password
        }
    }
}
