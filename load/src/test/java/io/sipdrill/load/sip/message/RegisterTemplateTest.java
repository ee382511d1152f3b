package io.sipdrill.load.sip.message;

import io.sipdrill.load.sip.codec.SipMessage;
import io.sipdrill.load.sip.transport.SipTransport;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RegisterTemplateTest {

    private static final byte[] HOST_PORT = "127.0.30.10:40000".getBytes(StandardCharsets.US_ASCII);

    @Test
    void tlsRequestsSayTlsInViaAndContactAndStillParse() throws Exception {
        byte[] request = new RegisterTemplate("sipdrill.test", SipTransport.TLS).write(new AsciiWriter(), HOST_PORT,
                "1000001", "z9hG4bKx", "tag1", "call1", 1, 60, null);
        String text = new String(request, StandardCharsets.US_ASCII);

        assertThat(text).as("RFC 3261 §18.2.1 Via transport token")
                .contains("\r\nVia: SIP/2.0/TLS 127.0.30.10:40000;rport;branch=z9hG4bKx\r\n")
                .as("Contact names the transport, so the registrar reaches the handset over TLS")
                .contains("\r\nContact: <sip:1000001@127.0.30.10:40000;transport=tls>\r\n");
        assertThat(SipMessage.parse(ByteBuffer.wrap(request)).method()).as("still a well-formed REGISTER")
                .isEqualTo("REGISTER");
    }

    @Test
    void udpRequestsAreUnchanged() {
        String text = new String(new RegisterTemplate("sipdrill.test").write(new AsciiWriter(), HOST_PORT,
                "1000001", "z9hG4bKx", "tag1", "call1", 1, 60, null), StandardCharsets.US_ASCII);

        assertThat(text).contains("Via: SIP/2.0/UDP 127.0.30.10:40000;").contains("<sip:1000001@127.0.30.10:40000>")
                .doesNotContain("transport=");
    }
}
