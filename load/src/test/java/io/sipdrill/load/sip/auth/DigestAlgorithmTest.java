package io.sipdrill.load.sip.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigestAlgorithmTest {

    @Test
    void tokens() {
        assertThat(DigestAlgorithm.MD5.token()).isEqualTo("MD5");
        assertThat(DigestAlgorithm.SHA_256.token()).isEqualTo("SHA-256");
        assertThat(DigestAlgorithm.fromToken("sha-256")).isEqualTo(DigestAlgorithm.SHA_256);
        assertThat(DigestAlgorithm.fromToken("md5")).isEqualTo(DigestAlgorithm.MD5);
        assertThat(DigestAlgorithm.fromToken(null)).isEqualTo(DigestAlgorithm.MD5);
        assertThat(DigestAlgorithm.fromToken("")).isEqualTo(DigestAlgorithm.MD5);
        assertThatThrownBy(() -> DigestAlgorithm.fromToken("SHA-512-256")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knownHashes() {
        assertThat(DigestAlgorithm.MD5.hashHex("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(DigestAlgorithm.SHA_256.hashHex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        // Repeated use of the thread-local digest must not carry state over.
        assertThat(DigestAlgorithm.MD5.hashHex("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }
}
