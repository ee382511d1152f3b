package io.sipdrill.load.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throw-away certificate authority for rehearsing SIP over TLS: generated in memory at run time
 * (no key is ever committed), it issues server certificates whose subject alternative names are the
 * registrars' IP addresses, which is what a handset connecting to {@code 127.0.30.1:5061} verifies.
 * It writes PEM for Kamailio's tls module and PKCS12 for Java servers (JAIN-SIP RI).
 *
 * <pre>{@code
 * TestCertificateAuthority ca = TestCertificateAuthority.create("sipdrill test CA");
 * ServerCertificate registrar = ca.issueServer("registrar", InetAddress.getByName("127.0.30.1"));
 * registrar.writePem(dir);                                  // server.pem, server.key, ca.pem
 * Path p12 = registrar.writePkcs12(dir.resolve("registrar.p12"), "changeit");
 * TlsTrust trust = ca.trust();                               // what handsets verify against
 * }</pre>
 */
public final class TestCertificateAuthority {

    /** ECDSA P-256: fast to generate (milliseconds, unlike RSA), and both OpenSSL and the JDK speak it. */
    private static final String KEY_ALGORITHM = "EC";
    private static final String CURVE = "secp256r1";
    private static final String SIGNATURE = "SHA256withECDSA";
    /** Backdated so a clock a little behind the issuer's still accepts the certificates. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCertificateAuthority(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** Generates a new self-signed CA named {@code CN=commonName}. */
    public static TestCertificateAuthority create(String commonName) {
        try {
            KeyPair keys = newKeyPair();
            X500Name name = new X500Name("CN=" + commonName + ",O=sipdrill");
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(name, name, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new TestCertificateAuthority(keys, sign(builder, keys.getPrivate()));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate the test CA: " + e.getMessage(), e);
        }
    }

    /**
     * Issues a server certificate for {@code addresses} (each an IP SAN; the first also names the
     * subject), signed by this CA.
     */
    public ServerCertificate issueServer(String commonName, InetAddress... addresses) {
        if (addresses.length == 0) {
            throw new IllegalArgumentException("a server certificate needs at least one address");
        }
        try {
            KeyPair serverKeys = newKeyPair();
            GeneralName[] sans = new GeneralName[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                sans[i] = new GeneralName(GeneralName.iPAddress, addresses[i].getHostAddress());
            }
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                    new X500Name("CN=" + commonName + ",O=sipdrill"), serverKeys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(serverKeys.getPublic()));
            return new ServerCertificate(serverKeys.getPrivate(), sign(builder, keys.getPrivate()), certificate);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a server certificate for " + commonName + ": " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Trust in this CA alone: what a handset that should accept this CA's servers verifies against. */
    public TlsTrust trust() {
        return TlsTrust.of(certificate);
    }

    /** Writes the CA certificate alone as PEM (e.g. Kamailio's {@code ca_list}, or a phone's trust store). */
    public Path writeCertificatePem(Path file) throws IOException {
        Files.writeString(file, pem(certificate), StandardCharsets.US_ASCII);
        return file;
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(KEY_ALGORITHM);
        generator.initialize(new ECGenParameterSpec(CURVE), new SecureRandom());
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), subject, subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(issuerKey);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    /**
     * A server's key and certificate with the issuing CA's certificate.
     *
     * <p>File names written by {@link #writePem(Path)}: {@value #CERTIFICATE_PEM} (the server
     * certificate then the CA's, as a chain), {@value #KEY_PEM} (PKCS#8, unencrypted: a test key on
     * a loopback drill) and {@value #CA_PEM}.
     */
    public record ServerCertificate(PrivateKey privateKey, X509Certificate certificate, X509Certificate caCertificate) {

        public static final String CERTIFICATE_PEM = "server.pem";
        public static final String KEY_PEM = "server.key";
        public static final String CA_PEM = "ca.pem";
        /** The alias of the key entry in the PKCS12 file. */
        public static final String ALIAS = "server";

        /** Writes the three PEM files into {@code dir} (created if missing); the key file is owner-only where supported. */
        public Path writePem(Path dir) throws IOException {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(CERTIFICATE_PEM), pem(certificate) + pem(caCertificate), StandardCharsets.US_ASCII);
            Path key = dir.resolve(KEY_PEM);
            Files.writeString(key, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(privateKey, null)),
                    StandardCharsets.US_ASCII);
            restrictToOwner(key);
            Files.writeString(dir.resolve(CA_PEM), pem(caCertificate), StandardCharsets.US_ASCII);
            return dir;
        }

        /** Writes a PKCS12 key store holding the key with its chain under {@link #ALIAS}. */
        public Path writePkcs12(Path file, String password) throws IOException {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(ALIAS, privateKey, password.toCharArray(),
                        List.of(certificate, caCertificate).toArray(new Certificate[0]));
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                try (OutputStream out = Files.newOutputStream(file)) {
                    store.store(out, password.toCharArray());
                }
                restrictToOwner(file);
                return file;
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot write the key store " + file + ": " + e.getMessage(), e);
            }
        }

        private static void restrictToOwner(Path file) throws IOException {
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the default permissions stand
            }
        }
    }
}
