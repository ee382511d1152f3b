package io.sipdrill.load.sip.transport;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SipStreamFramerTest {

    private static final String OK = "SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS 127.0.30.10:5061;branch=z9hG4bK1\r\n"
            + "CSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";
    private static final String WITH_BODY = "SIP/2.0 200 OK\r\nCSeq: 2 OPTIONS\r\nContent-Type: text/plain\r\n"
            + "l: 11\r\n\r\nhello\r\nbody";

    private final SipStreamFramer framer = new SipStreamFramer();
    private final List<String> messages = new ArrayList<>();

    @Test
    void messageSplitAcrossReadsIsDeliveredOnceWhole() {
        String wire = OK + WITH_BODY;
        // Cut inside the start line, inside the blank line, and inside the body.
        int[] cuts = {5, OK.length() - 2, OK.length() + WITH_BODY.length() - 4, wire.length()};
        int from = 0;
        for (int cut : cuts) {
            assertThat(feed(wire.substring(from, cut))).as("framing holds for bytes %d..%d", from, cut).isTrue();
            from = cut;
        }

        assertThat(messages).as("each message whole, the body by its compact Content-Length")
                .containsExactly(OK, WITH_BODY);
        assertThat(framer.buffered()).as("nothing left over").isZero();
    }

    @Test
    void byteByByteFeedingFramesTheSameMessages() {
        for (char c : (OK + WITH_BODY).toCharArray()) {
            feed(String.valueOf(c));
        }

        assertThat(messages).as("one byte per read").containsExactly(OK, WITH_BODY);
    }

    @Test
    void coalescedMessagesAndKeepAlivesInOneReadAreSeparated() {
        assertThat(feed("\r\n\r\n" + OK + "\r\n\r\n" + WITH_BODY + OK.substring(0, 10))).isTrue();

        assertThat(messages).as("two whole messages; CRLF keep-alives skipped").containsExactly(OK, WITH_BODY);
        assertThat(framer.buffered()).as("the third message's start waits for the rest").isEqualTo(10);
        assertThat(framer.messages()).isEqualTo(2);
    }

    @Test
    void badContentLengthIsCountedAsMalformedNotThrown() {
        boolean framed = feed("SIP/2.0 200 OK\r\nCSeq: 1 REGISTER\r\nContent-Length: twelve\r\n\r\n" + OK);

        assertThat(framed).as("framing lost: the owner must close the connection").isFalse();
        assertThat(framer.malformed()).as("counted once").isEqualTo(1);
        assertThat(messages).as("nothing after an unframeable header is trusted").isEmpty();
        assertThat(framer.buffered()).as("buffer dropped").isZero();
    }

    @Test
    void missingNegativeOrContradictoryContentLengthIsMalformed() {
        assertThat(new SipStreamFramer().feed(ascii("SIP/2.0 200 OK\r\nCSeq: 1 REGISTER\r\n\r\n"), m -> { }))
                .as("Content-Length is mandatory on streams (RFC 3261 §18.3)").isFalse();
        assertThat(new SipStreamFramer().feed(ascii("SIP/2.0 200 OK\r\nContent-Length: -1\r\n\r\n"), m -> { }))
                .as("negative").isFalse();
        assertThat(new SipStreamFramer().feed(ascii("SIP/2.0 200 OK\r\nContent-Length: 0\r\nl: 4\r\n\r\nbody"), m -> { }))
                .as("two different lengths").isFalse();
        assertThat(new SipStreamFramer().feed(ascii("SIP/2.0 200 OK\r\nContent-Length: 99999999\r\n\r\n"), m -> { }))
                .as("beyond any message").isFalse();
    }

    @Test
    void headerSectionThatNeverEndsIsMalformedOnceItExceedsTheLimit() {
        String endless = "SIP/2.0 200 OK\r\n" + "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".repeat(2000);

        assertThat(feed(endless)).as("framing lost").isFalse();
        assertThat(framer.malformed()).isEqualTo(1);
        assertThat(messages).isEmpty();
    }

    @Test
    void aHeaderMerelyContainingTheNameIsNotTakenForContentLength() {
        String tricky = "SIP/2.0 200 OK\r\nX-Content-Length: 5\r\nContent-Length  : 0\r\n\r\n";

        assertThat(feed(tricky)).isTrue();
        assertThat(messages).as("framed by the real header (spaces before the colon allowed)").containsExactly(tricky);
    }

    private boolean feed(String bytes) {
        return framer.feed(ascii(bytes), m -> messages.add(StandardCharsets.US_ASCII.decode(m).toString()));
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }
}
