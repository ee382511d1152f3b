package io.sipdrill.load.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestCertificateAuthorityTest {

    @TempDir
    Path dir;

    @Test
    void serverCertificateIsSignedByTheCaAndNamesTheRegistrarsIp() throws Exception {
        TestCertificateAuthority ca = TestCertificateAuthority.create("test CA");
        TestCertificateAuthority.ServerCertificate server = ca.issueServer("registrar", InetAddress.getByName("127.0.30.1"));

        server.certificate().verify(ca.certificate().getPublicKey());
        assertThat(server.certificate().getSubjectAlternativeNames()).as("an IP SAN (type 7) for the registrar")
                .containsExactly(List.of(7, "127.0.30.1"));
        assertThat(ca.certificate().getBasicConstraints()).as("the CA may sign").isGreaterThanOrEqualTo(0);
        assertThat(server.certificate().getBasicConstraints()).as("the server may not").isEqualTo(-1);
        assertThatThrownBy(() -> server.certificate().verify(
                TestCertificateAuthority.create("other").certificate().getPublicKey()))
                .as("another CA's key does not verify it").isInstanceOf(SignatureException.class);
    }

    @Test
    void pemAndPkcs12FilesReadBack() throws Exception {
        TestCertificateAuthority ca = TestCertificateAuthority.create("test CA");
        TestCertificateAuthority.ServerCertificate server = ca.issueServer("registrar", InetAddress.getByName("127.0.30.1"));

        server.writePem(dir);
        Path p12 = server.writePkcs12(dir.resolve("server.p12"), "pw");

        assertThat(TlsTrust.fromPem(dir.resolve("ca.pem")).authorities()).as("ca.pem").containsExactly(ca.certificate());
        assertThat(TlsTrust.fromPem(dir.resolve("server.pem")).authorities()).as("server.pem is the chain")
                .containsExactly(server.certificate(), ca.certificate());
        assertThat(Files.readString(dir.resolve("server.key"))).as("unencrypted PKCS#8 for Kamailio")
                .startsWith("-----BEGIN PRIVATE KEY-----");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, "pw".toCharArray());
        }
        assertThat((X509Certificate) store.getCertificate(TestCertificateAuthority.ServerCertificate.ALIAS))
                .as("the key entry's certificate").isEqualTo(server.certificate());
        assertThat(store.getKey(TestCertificateAuthority.ServerCertificate.ALIAS, "pw".toCharArray()))
                .isEqualTo(server.privateKey());
    }
}
