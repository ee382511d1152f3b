package io.sipdrill.environments.local;

import io.sipdrill.environments.TlsFleetFixture;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.tls.TestCertificateAuthority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handsets register over TLS to Kamailio's registrar.cfg with WITH_TLS, its certificate issued by
 * a CA generated for the run (needs Debian's kamailio-tls-modules).
 */
@Tag("kamailio")
class KamailioTlsRegisterTest {

    private static final InetSocketAddress UDP = new InetSocketAddress("127.0.31.1", 5060);
    private static final InetSocketAddress TLS = new InetSocketAddress("127.0.31.1", 5061);

    @TempDir
    static Path runDir;
    private static TestCertificateAuthority ca;
    private static KamailioProcess kamailio;

    @BeforeAll
    static void startKamailioWithTls() throws Exception {
        ca = TestCertificateAuthority.create("sipdrill kamailio TLS test CA");
        Path certificates = ca.issueServer("tls-primary", InetAddress.getByName("127.0.31.1"))
                .writePem(runDir.resolve("tls"));
        Path registrarCfg = KamailioConfigFile.locate(Optional.empty(), runDir);
        kamailio = new KamailioProcess("tls-primary", UDP, LocalTopologyConfig.defaults(runDir).kamailio(),
                KamailioScript.registrar(registrarCfg).withTls(TLS, certificates), runDir.resolve("kamailio-tls"),
                2, Duration.ofSeconds(5));
        kamailio.start();
        kamailio.awaitHealthy(Duration.ofSeconds(15));
    }

    @AfterAll
    static void stopKamailio() throws InterruptedException {
        if (kamailio != null) {
            kamailio.stop();
        }
    }

    @Test
    void handsetsRegisterWithDigestOverTlsToKamailio() throws Exception {
        int handsets = 8;
        try (SipEngine engine = SipEngine.startTls("127.0.31.10", 2, SipTimers.scaled(1), ca.trust())) {
            TlsFleetFixture fixture = new TlsFleetFixture(engine, TLS, handsets, 0);
            fixture.fleet.start(Duration.ofMillis(200));

            boolean all = TlsFleetFixture.await(() -> fixture.fleet.counts().primary() == handsets, Duration.ofSeconds(15));

            assertThat(all).as("all %d handsets registered with Kamailio over TLS (registered: %d, handshake failure: %s;"
                    + " log:%n%s)", handsets, fixture.fleet.counts().primary(), engine.tls().lastHandshakeFailure(),
                    LogTail.of(kamailio.logFile(), 30)).isTrue();
            assertThat(fixture.transactions("challenged")).as("Kamailio challenged each handset (digest inside TLS)")
                    .isGreaterThanOrEqualTo(handsets);
            assertThat(engine.tls().handshakes())
                    .as("Kamailio presented the certificate our CA issued for its IP, once per local socket").isEqualTo(2);
            assertThat(engine.transactions().counters().retransmissions()).as("no Timer E over TLS").isZero();
            assertThat(engine.transactions().counters().malformedMessages()).isZero();
            assertThat(new SipOptionsProbe(Duration.ofMillis(300)).probe(TLS))
                    .as("the TLS port takes no plain UDP: the answers came over TLS").isEmpty();
            fixture.fleet.stop();
        }
    }
}
