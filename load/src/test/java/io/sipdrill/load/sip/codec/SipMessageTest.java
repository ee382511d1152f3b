package io.sipdrill.load.sip.codec;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SipMessageTest {

    private static final String INVITE = "INVITE sip:1000001@127.0.3.1:40000 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.1.1;branch=z9hG4bKpop1, SIP/2.0/UDP 127.0.1.11;branch=z9hG4bKpbx1\n"
            + "v: SIP/2.0/UDP 127.0.4.1:5060;branch=z9hG4bKcarrier;rport=5060\r\n"
            + "Record-Route: <sip:127.0.1.1;lr>,<sip:127.0.1.11;lr;ftag=x>\r\n"
            + "f: \"Carrier, PSTN\" <sip:carrier@sipdrill.test>;tag=abc\r\n"
            + "To: <sip:44201000001@sipdrill.test>\r\n"
            + "i: call-1@sipdrill\r\n"
            + "CSeq: 7 INVITE\r\n"
            + "m: <sip:carrier@127.0.4.1:5060>;expires=60\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: 5\r\n\r\nv=0\r\nEXTRA";

    @Test
    void readsARequestWithCompactHeadersCommaListsAndABodyCutAtContentLength() throws Exception {
        SipMessage m = SipMessage.parse(INVITE.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(m.isRequest()).isTrue();
        assertThat(m.method()).isEqualTo("INVITE");
        assertThat(m.requestUri()).isEqualTo("sip:1000001@127.0.3.1:40000");
        assertThat(m.branch()).isEqualTo("z9hG4bKpop1");
        assertThat(m.vias()).hasSize(3);
        assertThat(m.recordRoutes()).containsExactly("<sip:127.0.1.1;lr>", "<sip:127.0.1.11;lr;ftag=x>");
        assertThat(m.fromTag()).isEqualTo("abc");
        assertThat(m.toTag()).isNull();
        assertThat(m.callId()).isEqualTo("call-1@sipdrill");
        assertThat(m.cseqNumber()).isEqualTo(7);
        assertThat(m.contactUri()).isEqualTo("sip:carrier@127.0.4.1:5060");
        assertThat(m.body()).isEqualTo("v=0\r\n");
    }

    @Test
    void readsAResponseKeyedByItsCSeqMethod() throws Exception {
        String ok = "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@d>;tag=9\r\n"
                + "From: <sip:a@d>;tag=1\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n";
        SipMessage m = SipMessage.parse(ok.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(m.isRequest()).isFalse();
        assertThat(m.status()).isEqualTo(180);
        assertThat(m.method()).isEqualTo("INVITE");
        assertThat(m.toTag()).isEqualTo("9");
        assertThat(m.body()).isEmpty();
    }

    @Test
    void refusesMessagesWithoutTheTransactionHeaders() {
        assertThatThrownBy(() -> SipMessage.parse("INVITE sip:x SIP/2.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> SipMessage.parse("garbage".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(SipParseException.class);
    }

    @Test
    void headerValuesFindUsersAddressesAndParameters() {
        assertThat(HeaderValues.user("sip:vm-1000001@127.0.1.30:5060")).isEqualTo("vm-1000001");
        assertThat(HeaderValues.address("sip:127.0.1.1;lr")).isEqualTo(new InetSocketAddress("127.0.1.1", 5060));
        assertThat(HeaderValues.address("sip:u@127.0.3.2:40001;transport=udp")).isEqualTo(new InetSocketAddress("127.0.3.2", 40001));
        assertThat(HeaderValues.param("<sip:a@b;tag=inside>;tag=outside", "tag")).isEqualTo("outside");
        assertThat(HeaderValues.uri("\"A, B\" <sip:a@b>;tag=1")).isEqualTo("sip:a@b");
    }
}
