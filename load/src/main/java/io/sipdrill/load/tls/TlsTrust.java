package io.sipdrill.load.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificate authorities a handset trusts when it opens a TLS connection to a registrar. The
 * server's chain must lead to one of them and its certificate must name the address connected to
 * (an IP subject alternative name, RFC 5922 §7.2 in spirit for numeric hosts): a drill against a
 * registrar with the wrong certificate fails the way a real phone would.
 *
 * @param authorities at least one CA certificate
 */
public record TlsTrust(List<X509Certificate> authorities) {

    public TlsTrust {
        authorities = List.copyOf(authorities);
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException("TLS trust needs at least one CA certificate");
        }
    }

    public static TlsTrust of(X509Certificate... authorities) {
        return new TlsTrust(List.of(authorities));
    }

    /** Every certificate in a PEM file (e.g. the {@code ca.pem} a {@link TestCertificateAuthority} wrote). */
    public static TlsTrust fromPem(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            factory.generateCertificates(in).forEach(c -> out.add((X509Certificate) c));
            return new TlsTrust(out);
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IOException("no CA certificate could be read from " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A client context that verifies the chain against these authorities and the server's identity
     * against the address connected to. The JDK provider, not the bundled BoringSSL one: verification
     * then behaves the same on every platform, and handshakes are rare (one per connection).
     */
    public SslContext clientContext() {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .trustManager(authorities)
                    .endpointIdentificationAlgorithm("HTTPS")
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS client context: " + e.getMessage(), e);
        }
    }
}
