package io.sipdrill.load.sip.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeanSipCodecTest {

    private static final String CHALLENGE = String.join("\r\n",
            "SIP/2.0 401 Unauthorized",
            "Via: SIP/2.0/UDP 127.0.3.1:40001;rport=40001;branch=z9hG4bKabc.1;received=127.0.3.1",
            "From: <sip:1000001@sipdrill.test>;tag=1t2",
            "To: <sip:1000001@sipdrill.test>;tag=srv",
            "Call-ID: 1000001-P-xyz@sipdrill",
            "CSeq: 7 REGISTER",
            "WWW-Authenticate: Digest realm=\"sipdrill.test\", nonce=\"abc,def\", qop=\"auth\", algorithm=MD5",
            "Server: kamailio",
            "Content-Length: 0", "", "");

    private static final String OK = String.join("\r\n",
            "SIP/2.0 200 OK",
            "v: SIP/2.0/UDP 127.0.3.1:40001;branch=z9hG4bKabc.2, SIP/2.0/UDP 127.0.9.9;branch=z9hG4bKother",
            "i: 1000001-P-xyz@sipdrill",
            "cseq:   8   REGISTER",
            "m: <sip:1000001@127.0.3.1:40001;expires=999>;expires=120;q=1, <sip:other@127.0.3.9>;expires=5",
            "Expires: 3600",
            "Content-Length: 0", "", "");

    private final LeanSipCodec lean = new LeanSipCodec();
    private final JainSipCodec jain = new JainSipCodec();

    @Test
    void readsWhatAHandsetActsOnFromAChallenge() throws Exception {
        SipResponse r = lean.decodeResponse(buffer(CHALLENGE));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.reason()).isEqualTo("Unauthorized");
        assertThat(r.branch()).isEqualTo("z9hG4bKabc.1");
        assertThat(r.cseqMethod()).isEqualTo("REGISTER");
        assertThat(r.cseqNumber()).isEqualTo(7);
        assertThat(r.callId()).isEqualTo("1000001-P-xyz@sipdrill");
        assertThat(r.challenge()).isEqualTo("Digest realm=\"sipdrill.test\", nonce=\"abc,def\", qop=\"auth\", algorithm=MD5");
    }

    @Test
    void compactNamesFirstViaAndContactHeaderParameterNotUriParameter() throws Exception {
        SipResponse r = lean.decodeResponse(buffer(OK));
        assertThat(r.branch()).isEqualTo("z9hG4bKabc.2");
        assertThat(r.cseqNumber()).isEqualTo(8);
        assertThat(r.contactExpires()).as("the header parameter, not the URI's").isEqualTo(120);
        assertThat(r.expires()).isEqualTo(3600);
        assertThat(r.minExpires()).isEqualTo(-1);
    }

    @Test
    void minExpiresAndRetryAfterWithAComment() throws Exception {
        String msg = CHALLENGE.replace("401 Unauthorized", "423 Interval Too Brief")
                .replace("Server: kamailio", "Min-Expires: 300\r\nRetry-After: 18000 (maintenance);duration=3600");
        SipResponse r = lean.decodeResponse(buffer(msg));
        assertThat(r.minExpires()).isEqualTo(300);
        assertThat(r.retryAfter()).isEqualTo(18000);
    }

    @Test
    void agreesWithJainSipOnTheSameMessages() throws Exception {
        for (String msg : new String[] {CHALLENGE, OK}) {
            SipResponse a = lean.decodeResponse(buffer(msg));
            SipResponse b = jain.decodeResponse(buffer(msg));
            assertThat(a.statusCode()).isEqualTo(b.statusCode());
            assertThat(a.branch()).isEqualTo(b.branch());
            assertThat(a.cseqMethod()).isEqualTo(b.cseqMethod());
            assertThat(a.cseqNumber()).isEqualTo(b.cseqNumber());
            assertThat(a.callId()).isEqualTo(b.callId());
            assertThat(a.expires()).isEqualTo(b.expires());
            assertThat(a.contactExpires()).isEqualTo(b.contactExpires());
            if (a.challenge() != null) {
                assertThat(io.sipdrill.load.sip.auth.DigestChallenge.parse(a.challenge()))
                        .isEqualTo(io.sipdrill.load.sip.auth.DigestChallenge.parse(b.challenge()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "SIP/2.0 2OO OK\r\n\r\n",
            "SIP/2.0 200 OK\r\nCSeq: 1 REGISTER\r\n\r\n",                          // no Via
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCSeq: x REGISTER\r\n\r\n",
            "SIP/2.0 200 OK\r\nVia SIP/2.0/UDP h\r\n\r\n",                          // no colon
            "REGISTER sip:x SIP/2.0\r\n\r\n",
    })
    void rejectsWhatItCannotActOn(String garbage) {
        assertThatThrownBy(() -> lean.decodeResponse(buffer(garbage))).isInstanceOf(SipParseException.class);
    }

    @Test
    void foldedHeaderLinesAreJoined() throws Exception {
        String folded = CHALLENGE.replace("WWW-Authenticate: Digest realm=\"sipdrill.test\", ",
                "WWW-Authenticate: Digest realm=\"sipdrill.test\",\r\n   ");
        SipResponse r = lean.decodeResponse(buffer(folded));
        assertThat(io.sipdrill.load.sip.auth.DigestChallenge.parse(r.challenge()).nonce()).isEqualTo("abc,def");
    }

    private static ByteBuffer buffer(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
