package io.sipdrill.load.sip.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigestChallengeTest {

    @Test
    void parsesQuotedParamsInAnyOrder() {
        DigestChallenge c = DigestChallenge.parse(
                "Digest nonce=\"abc\", opaque=\"op\", realm=\"sipdrill.test\", algorithm=\"SHA-256\", qop=\"auth\"");

        assertThat(c).isEqualTo(new DigestChallenge("sipdrill.test", "abc", "op", DigestAlgorithm.SHA_256, true, false));
    }

    @Test
    void staleTrueAndUnquotedAlgorithm() {
        DigestChallenge c = DigestChallenge.parse("digest realm=r,nonce=n,stale=TRUE,algorithm=md5");

        assertThat(c.stale()).isTrue();
        assertThat(c.algorithm()).isEqualTo(DigestAlgorithm.MD5);
        assertThat(c.qopAuth()).isFalse();
        assertThat(c.opaque()).isNull();
    }

    @Test
    void qopListWithAuth() {
        assertThat(DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int, auth\"").qopAuth()).isTrue();
        assertThat(DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"").qopAuth()).isFalse();
    }

    @Test
    void missingAlgorithmMeansMd5AndStaleFalse() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", stale=false");

        assertThat(c.algorithm()).isEqualTo(DigestAlgorithm.MD5);
        assertThat(c.stale()).isFalse();
    }

    @Test
    void quotedValuesKeepCommasAndEscapes() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"a,b \\\"c\\\"\", nonce=\"n\"");

        assertThat(c.realm()).isEqualTo("a,b \"c\"");
    }

    @Test
    void rejectsMissingNonce() {
        assertThatThrownBy(() -> DigestChallenge.parse("Digest realm=\"r\", qop=\"auth\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonce");
    }

    @Test
    void rejectsMissingRealm() {
        assertThatThrownBy(() -> DigestChallenge.parse("Digest nonce=\"n\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("realm");
    }

    @Test
    void rejectsOtherSchemes() {
        assertThatThrownBy(() -> DigestChallenge.parse("Basic realm=\"r\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Digest");
        assertThatThrownBy(() -> DigestChallenge.parse("DigestX realm=\"r\", nonce=\"n\""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DigestChallenge.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsUnsupportedAlgorithm() {
        assertThatThrownBy(() -> DigestChallenge.parse("Digest realm=r, nonce=n, algorithm=MD5-sess"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MD5-sess");
    }
}
