package io.sipdrill.load.sip.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DigestAuthorizerTest {

    @Test
    void rfc2617Example() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");

        String auth = DigestAuthorizer.authorization(c, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1, "0a4f113b");

        assertThat(auth).as("RFC 2617 §3.5 response")
                .contains("response=\"6629fae49393a05397450978507c4ef1\"")
                .startsWith("Digest username=\"Mufasa\",realm=\"testrealm@host.com\",nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"")
                .contains(",algorithm=MD5,cnonce=\"0a4f113b\",qop=auth,nc=00000001")
                .endsWith(",opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    }

    @Test
    void rfc7616Sha256Example() {
        DigestChallenge c = new DigestChallenge("http-auth@example.org", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
                "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", DigestAlgorithm.SHA_256, true, false);

        String auth = DigestAuthorizer.authorization(c, "Mufasa", "Circle of Life", "GET", "/dir/index.html", 1,
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");

        assertThat(auth).as("RFC 7616 §3.9.1 SHA-256 response")
                .contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"")
                .contains("algorithm=SHA-256");
    }

    @Test
    void rfc7616Md5Example() {
        DigestChallenge c = new DigestChallenge("http-auth@example.org", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
                null, DigestAlgorithm.MD5, true, false);

        String auth = DigestAuthorizer.authorization(c, "Mufasa", "Circle of Life", "GET", "/dir/index.html", 1,
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");

        assertThat(auth).contains("response=\"8ca523f5e9506fed4657c9700eebdbec\"").doesNotContain("opaque");
    }

    @Test
    void withoutQopUsesRfc2069Form() {
        DigestChallenge c = new DigestChallenge("r", "n", null, DigestAlgorithm.MD5, false, false);

        String auth = DigestAuthorizer.authorization(c, "u", "p", "REGISTER", "sip:x", 1, "ignored");

        String ha1 = DigestAlgorithm.MD5.hashHex("u:r:p");
        String ha2 = DigestAlgorithm.MD5.hashHex("REGISTER:sip:x");
        assertThat(auth).contains("response=\"" + DigestAlgorithm.MD5.hashHex(ha1 + ":n:" + ha2) + "\"")
                .doesNotContain("cnonce").doesNotContain("qop").doesNotContain("nc=");
    }

    @Test
    void nonceCountIsEightHexDigits() {
        assertThat(DigestAuthorizer.nonceCount(1)).isEqualTo("00000001");
        assertThat(DigestAuthorizer.nonceCount(0x1abc)).isEqualTo("00001abc");
        assertThat(DigestAuthorizer.nonceCount(-1)).isEqualTo("ffffffff");
    }
}
