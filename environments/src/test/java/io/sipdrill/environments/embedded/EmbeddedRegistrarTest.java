package io.sipdrill.environments.embedded;

import io.sipdrill.environments.embedded.UdpSipClient.Reply;
import io.sipdrill.load.sip.auth.DigestAlgorithm;
import io.sipdrill.load.sip.auth.DigestAuthorizer;
import io.sipdrill.load.sip.auth.DigestChallenge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.sipdrill.environments.embedded.TestAddresses.CLIENT_HOST;
import static io.sipdrill.environments.embedded.TestAddresses.PRIMARY_HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedRegistrarTest {

    private final MovableTicker ticker = new MovableTicker();
    private EmbeddedRegistrar registrar;
    private UdpSipClient client;

    private UdpSipClient start(RegistrarConfig config) throws Exception {
        registrar = new EmbeddedRegistrar(config, ticker);
        registrar.start();
        client = new UdpSipClient(CLIENT_HOST, config.address());
        return client;
    }

    private static RegistrarConfig config() {
        return RegistrarConfig.defaults("primary", TestAddresses.freeUdp(PRIMARY_HOST))
                .withExpires(30, 600).withNonceLifetime(Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (registrar != null) {
            registrar.close();
        }
    }

    @Test
    void challengesThenRegisters() throws Exception {
        UdpSipClient c = start(config());

        Reply challenge = c.register("1001", 60, null, null);
        assertThat(challenge.status()).as("first REGISTER is challenged").isEqualTo(401);
        DigestChallenge dc = DigestChallenge.parse(challenge.header("WWW-Authenticate"));
        assertThat(dc.realm()).isEqualTo("sipdrill.test");
        assertThat(dc.algorithm()).isEqualTo(DigestAlgorithm.MD5);
        assertThat(dc.qopAuth()).isTrue();
        assertThat(dc.opaque()).isNotBlank();
        assertThat(dc.stale()).isFalse();
        assertThat(challenge.header("To")).as("UAS adds a To tag").contains(";tag=");

        Reply ok = c.register("1001", 60, null,
                DigestAuthorizer.authorization(dc, "1001", "pw-1001", "REGISTER", "sip:" + registrar.endpoint().hostPort(), 1, "abc"));

        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(ok.header("Contact")).contains("sip:1001@" + CLIENT_HOST).contains("expires=60");
        assertThat(registrar.isRegistered("1001")).isTrue();
        assertThat(registrar.registeredCount()).isEqualTo(1);
        assertThat(registrar.registrationsAccepted()).isEqualTo(1);
        assertThat(registrar.requestsReceived()).isEqualTo(2);
        assertThat(registrar.requestsAnswered()).isEqualTo(2);
        assertThat(registrar.stackServerTransactions()).as("answered statelessly").isZero();
    }

    @Test
    void sha256() throws Exception {
        UdpSipClient c = start(config().withAlgorithm(DigestAlgorithm.SHA_256));

        assertThat(DigestChallenge.parse(c.register("1002", 60, null, null).header("WWW-Authenticate")).algorithm())
                .isEqualTo(DigestAlgorithm.SHA_256);
        assertThat(c.registerWithAuth("1002", "pw-1002", 60).status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordIsForbidden() throws Exception {
        UdpSipClient c = start(config());

        assertThat(c.registerWithAuth("1001", "nope", 60).status()).isEqualTo(403);
        assertThat(registrar.isRegistered("1001")).isFalse();
    }

    @Test
    void usernameMustMatchTheAor() throws Exception {
        UdpSipClient c = start(config());
        DigestChallenge dc = DigestChallenge.parse(c.register("1001", 60, null, null).header("WWW-Authenticate"));

        Reply r = c.register("1001", 60, null, DigestAuthorizer.authorization(dc, "1002", "pw-1002", "REGISTER",
                "sip:" + registrar.endpoint().hostPort(), 1, "abc"));

        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void expiredNonceIsStale() throws Exception {
        UdpSipClient c = start(config());
        DigestChallenge dc = DigestChallenge.parse(c.register("1001", 60, null, null).header("WWW-Authenticate"));
        ticker.jump(Duration.ofSeconds(61));

        Reply r = c.register("1001", 60, null, DigestAuthorizer.authorization(dc, "1001", "pw-1001", "REGISTER",
                "sip:" + registrar.endpoint().hostPort(), 1, "abc"));

        assertThat(r.status()).isEqualTo(401);
        DigestChallenge fresh = DigestChallenge.parse(r.header("WWW-Authenticate"));
        assertThat(fresh.stale()).as("right password, old nonce").isTrue();
        assertThat(fresh.nonce()).isNotEqualTo(dc.nonce());
    }

    @Test
    void foreignNonceGetsAFreshChallenge() throws Exception {
        UdpSipClient c = start(config());
        DigestChallenge forged = new DigestChallenge("sipdrill.test", "0123456789abcdef0123456789abcdef", null,
                DigestAlgorithm.MD5, true, false);

        Reply r = c.register("1001", 60, null, DigestAuthorizer.authorization(forged, "1001", "pw-1001", "REGISTER",
                "sip:" + registrar.endpoint().hostPort(), 1, "abc"));

        assertThat(r.status()).isEqualTo(401);
        assertThat(DigestChallenge.parse(r.header("WWW-Authenticate")).stale()).isFalse();
    }

    @Test
    void tooBriefIsRefusedWithMinExpires() throws Exception {
        UdpSipClient c = start(config());

        Reply r = c.registerWithAuth("1001", "pw-1001", 10);

        assertThat(r.status()).isEqualTo(423);
        assertThat(r.header("Min-Expires")).isEqualTo("30");
        assertThat(registrar.isRegistered("1001")).isFalse();
    }

    @Test
    void cappedAtMaxExpiresAndExpiresHeaderUsed() throws Exception {
        UdpSipClient c = start(config());
        DigestChallenge dc = DigestChallenge.parse(c.register("1001", null, 100_000, null).header("WWW-Authenticate"));

        Reply r = c.register("1001", null, 100_000, DigestAuthorizer.authorization(dc, "1001", "pw-1001", "REGISTER",
                "sip:" + registrar.endpoint().hostPort(), 1, "abc"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Contact")).contains("expires=600");
    }

    @Test
    void zeroUnbinds() throws Exception {
        UdpSipClient c = start(config());
        assertThat(c.registerWithAuth("1001", "pw-1001", 60).status()).isEqualTo(200);

        assertThat(c.registerWithAuth("1001", "pw-1001", 0).status()).isEqualTo(200);

        assertThat(registrar.isRegistered("1001")).isFalse();
        assertThat(registrar.registeredCount()).isZero();
    }

    @Test
    void bindingsExpire() throws Exception {
        UdpSipClient c = start(config());
        assertThat(c.registerWithAuth("1001", "pw-1001", 60).status()).isEqualTo(200);

        ticker.jump(Duration.ofSeconds(61));

        assertThat(registrar.isRegistered("1001")).isFalse();
    }

    @Test
    void optionsAndOtherMethods() throws Exception {
        UdpSipClient c = start(config());

        assertThat(c.request("OPTIONS").status()).isEqualTo(200);
        Reply invite = c.request("INVITE");
        assertThat(invite.status()).isEqualTo(405);
        assertThat(invite.text()).contains("Allow: REGISTER");
        assertThat(c.request("FROBNICATE").status()).isEqualTo(501);
    }

    @Test
    void capacityZeroAnswersNothing() throws Exception {
        UdpSipClient c = start(config());
        registrar.setCapacityFactor(0);

        assertThat(c.request("OPTIONS")).as("no answer while down").isNull();
        assertThat(registrar.requestsDropped()).isEqualTo(1);

        registrar.setCapacityFactor(1);
        assertThat(c.request("OPTIONS").status()).isEqualTo(200);
    }

    @Test
    void closeLeavesNoNonDaemonThreadBehind() throws Exception {
        long before = stackThreads();
        EmbeddedRegistrar r = new EmbeddedRegistrar(config());
        r.start();
        assertThat(stackThreads()).isGreaterThan(before);

        r.close();

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (stackThreads() > before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(stackThreads()).as("the RI's event scanner would keep the JVM alive").isEqualTo(before);
    }

    private static long stackThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.isDaemon() && t.isAlive() && t.getName().startsWith("EventScanner")).count();
    }

    @Test
    void portInUseIsReportedClearly() throws Exception {
        RegistrarConfig cfg = config();
        start(cfg);

        try (EmbeddedRegistrar second = new EmbeddedRegistrar(cfg)) {
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(cfg.address().getAddress().getHostAddress() + ":" + cfg.address().getPort()
                            + " is already in use");
        }
    }
}
