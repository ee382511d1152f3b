package io.sipdrill.load.sip.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigestVerifierTest {

    private final Credentials credentials = Credentials.derived();

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void roundTripAuthorizerParseVerify(DigestAlgorithm algorithm) {
        DigestChallenge c = new DigestChallenge("sipdrill.test", "n0nce", "opq", algorithm, true, false);
        String header = DigestAuthorizer.authorization(c, "1001", credentials.password("1001"), "REGISTER",
                "sip:127.0.1.1", 3, "cn");

        DigestCredentials creds = DigestCredentials.parse(header);

        assertThat(creds).isEqualTo(new DigestCredentials("1001", "sipdrill.test", "n0nce", "sip:127.0.1.1",
                creds.response(), algorithm, "cn", "auth", "00000003", "opq"));
        assertThat(DigestVerifier.verify(creds, "REGISTER", "pw-1001")).as("right password").isTrue();
        assertThat(DigestVerifier.verify(creds, "REGISTER", "pw-1002")).as("wrong password").isFalse();
        assertThat(DigestVerifier.verify(creds, "INVITE", "pw-1001")).as("other method").isFalse();
    }

    @Test
    void roundTripWithoutQop() {
        DigestChallenge c = new DigestChallenge("r", "n", null, DigestAlgorithm.MD5, false, false);
        DigestCredentials creds = DigestCredentials.parse(
                DigestAuthorizer.authorization(c, "u", "p", "REGISTER", "sip:r", 1, "x"));

        assertThat(creds.qop()).isNull();
        assertThat(DigestVerifier.verify(creds, "REGISTER", "p")).isTrue();
        assertThat(DigestVerifier.verify(creds, "REGISTER", "q")).isFalse();
    }

    @Test
    void verifiesRfc2617ExampleAsSentByAClient() {
        DigestCredentials creds = DigestCredentials.parse("Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", qop=auth, nc=00000001, "
                + "cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");

        assertThat(DigestVerifier.verify(creds, "GET", "Circle Of Life")).isTrue();
    }

    @Test
    void qopWithoutCnonceFails() {
        DigestCredentials creds = new DigestCredentials("u", "r", "n", "sip:r", "00", DigestAlgorithm.MD5,
                null, "auth", "00000001", null);

        assertThat(DigestVerifier.verify(creds, "REGISTER", "p")).isFalse();
    }

    @Test
    void parseRejectsMissingResponse() {
        assertThatThrownBy(() -> DigestCredentials.parse("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:r\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("response");
    }

    @Test
    void derivedCredentials() {
        assertThat(Credentials.derived().password("1001")).isEqualTo("pw-1001");
    }
}
