package io.sipdrill.environments.embedded;

import io.sipdrill.environments.TlsFleetFixture;
import io.sipdrill.load.handset.FleetConfig;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.transaction.SipCounters;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.sip.transport.TlsSocket;
import io.sipdrill.load.tls.TestCertificateAuthority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handsets register over TLS to the embedded registrar, with a CA generated for the run: the
 * certificate names the registrar's IP, handsets verify it, digest runs inside the connection, and
 * the binding says {@code transport=tls}. A handset trusting another CA never gets that far.
 */
class EmbeddedRegistrarTlsTest {

    private static final String REGISTRAR_IP = "127.0.30.1";
    private static final int TLS_PORT = 5061;

    @TempDir
    static Path dir;
    private static TestCertificateAuthority ca;
    private static EmbeddedRegistrar registrar;

    @BeforeAll
    static void startRegistrar() throws Exception {
        ca = TestCertificateAuthority.create("sipdrill embedded TLS test CA");
        Path keyStore = ca.issueServer("registrar", InetAddress.getByName(REGISTRAR_IP))
                .writePkcs12(dir.resolve("registrar.p12"), "test-store");
        registrar = new EmbeddedRegistrar(RegistrarConfig.defaults("tls-primary",
                new InetSocketAddress(REGISTRAR_IP, 5060)));
        registrar.listenTls(TLS_PORT, keyStore, "test-store");
        registrar.start();
    }

    @AfterAll
    static void stopRegistrar() {
        if (registrar != null) {
            registrar.close();
        }
    }

    @Test
    void handsetsRegisterWithDigestOverTlsAndTheBindingsSayTls() throws Exception {
        int handsets = 12;
        try (SipEngine engine = SipEngine.startTls("127.0.30.10", 2, SipTimers.scaled(1), ca.trust())) {
            TlsFleetFixture fixture = new TlsFleetFixture(engine, registrar.tlsAddress(), handsets, 0);
            fixture.fleet.start(Duration.ofMillis(200));

            boolean all = TlsFleetFixture.await(() -> fixture.fleet.counts().primary() == handsets, Duration.ofSeconds(15));

            assertThat(all).as("all %d handsets registered over TLS (registered: %d, handshake failure: %s)",
                    handsets, fixture.fleet.counts().primary(), engine.tls().lastHandshakeFailure()).isTrue();
            assertThat(fixture.transactions("challenged")).as("each handset was challenged first (digest)")
                    .isGreaterThanOrEqualTo(handsets);
            assertThat(engine.tls().handshakes()).as("one verified TLS connection per local socket, shared by its handsets")
                    .isEqualTo(2);
            TlsSocket first = engine.tls().sockets().get(0);
            String user = FleetConfig.userFor(0);
            assertThat(registrar.contacts(user)).as("the binding of %s", user).singleElement().asString()
                    .contains("@127.0.30.10:" + first.localAddress().getPort())
                    .endsWith(";transport=tls");
            assertThat(registrar.requestsReceived("TLS")).as("every REGISTER reached the registrar over TLS")
                    .isGreaterThanOrEqualTo(2L * handsets);
            assertThat(registrar.requestsReceived("UDP")).as("none over UDP").isZero();
            SipCounters counters = engine.transactions().counters();
            assertThat(counters.retransmissions()).as("no Timer E on a reliable transport").isZero();
            assertThat(counters.malformedMessages()).as("every response framed and parsed").isZero();
            fixture.fleet.stop();
        }
    }

    @Test
    void handsetTrustingAnotherCaFailsTheHandshakeAndCountsAnErrorInsteadOfRegistering() throws Exception {
        TestCertificateAuthority stranger = TestCertificateAuthority.create("some other CA");
        int handsets = 3;
        try (SipEngine engine = SipEngine.startTls("127.0.30.20", 1, SipTimers.scaled(1), stranger.trust())) {
            TlsFleetFixture fixture = new TlsFleetFixture(engine, registrar.tlsAddress(), handsets, 100);
            fixture.fleet.start(Duration.ZERO);

            boolean failed = TlsFleetFixture.await(() -> fixture.transactions("error") >= handsets, Duration.ofSeconds(10));

            assertThat(failed).as("every handset's REGISTER ended in a transport error (journal: %s)", fixture.events)
                    .isTrue();
            assertThat(engine.tls().handshakeFailures()).as("the handshake was refused").isPositive();
            assertThat(engine.tls().lastHandshakeFailure()).as("because the server's chain is untrusted")
                    .containsIgnoringCase("certification path");
            assertThat(engine.tls().handshakes()).as("no handshake completed").isZero();
            assertThat(engine.transactions().counters().transportFailures()).as("counted as transport failures")
                    .isGreaterThanOrEqualTo(handsets);
            assertThat(fixture.fleet.counts().primary()).as("nobody registered").isZero();
            assertThat(registrar.isRegistered(FleetConfig.userFor(100))).as("the registrar bound nothing").isFalse();
            fixture.fleet.stop();
        }
    }
}
