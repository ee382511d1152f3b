package io.sipdrill.load.sip.transaction;

import io.sipdrill.load.sip.codec.SipMessage;
import io.sipdrill.load.sip.codec.SipResponse;
import io.sipdrill.load.time.ManualScheduler;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 3261 §17.1.1 timers on virtual time: Timer A doubling, Timer B, the ACK for failures, RFC 6026. */
class InviteClientTransactionTest {

    private static final InetSocketAddress PROXY = new InetSocketAddress("127.0.1.1", 5060);
    private static final byte[] INVITE = "INVITE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACK = "ACK".getBytes(StandardCharsets.US_ASCII);

    private final ManualScheduler clock = new ManualScheduler();
    private final TransactionLayer layer = new TransactionLayer(clock, SipTimers.RFC3261);
    private final List<String> sent = new ArrayList<>();
    private final List<String> heard = new ArrayList<>();

    private final InviteTransactionListener listener = new InviteTransactionListener() {
        @Override
        public void onProvisional(InviteClientTransaction tx, SipResponse response) {
            heard.add("1xx " + response.statusCode());
        }

        @Override
        public void onFinal(InviteClientTransaction tx, SipResponse response) {
            heard.add("final " + response.statusCode());
        }

        @Override
        public void on2xxRetransmission(InviteClientTransaction tx, SipResponse response) {
            heard.add("2xx again");
        }

        @Override
        public void onTimeout(InviteClientTransaction tx, boolean transportError) {
            heard.add(transportError ? "error" : "timeout");
        }
    };

    private InviteClientTransaction start() {
        return layer.startInvite("z9hG4bKtest", (bytes, target) -> sent.add(new String(bytes, StandardCharsets.US_ASCII)),
                PROXY, INVITE, response -> ACK, listener);
    }

    private static SipResponse response(int code) {
        return new SipResponse(code, "x", "z9hG4bKtest", "INVITE", 1, "c", null, null, -1, -1, -1, -1);
    }

    private static SipResponse withMessage(int code) throws Exception {
        String text = "SIP/2.0 " + code + " OK\r\nVia: SIP/2.0/UDP 127.0.3.1:5060;branch=z9hG4bKtest\r\n"
                + "From: <sip:a@d>;tag=1\r\nTo: <sip:b@d>;tag=2\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        return response(code).withMessage(SipMessage.parse(text.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void timerADoublesWithoutCapUntilTimerBEndsItAfter64T1() {
        InviteClientTransaction tx = start();
        clock.advance(31_999, TimeUnit.MILLISECONDS);
        // sent at 0, then 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s
        assertThat(sent).hasSize(7);
        assertThat(heard).isEmpty();
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(heard).containsExactly("timeout");
        assertThat(tx.state()).isEqualTo(InviteClientTransaction.State.TERMINATED);
        assertThat(layer.counters().retransmissions()).isEqualTo(6);
        assertThat(layer.liveTransactions()).isZero();
    }

    @Test
    void aProvisionalStopsRetransmissionsAndTimerB() {
        start();
        clock.advance(600, TimeUnit.MILLISECONDS);
        layer.onResponse(response(180));
        clock.advance(10, TimeUnit.SECONDS);
        assertThat(sent).hasSize(2);
        assertThat(heard).containsExactly("1xx 180");
        // RFC 3261 §17.1.1.2: Timer B acts in Calling only; a ringing call is the caller's to give up.
        clock.advance(10, TimeUnit.MINUTES);
        assertThat(heard).containsExactly("1xx 180");
    }

    @Test
    void anAbandonedTransactionResendsNothingAndPassesNothingUp() {
        InviteClientTransaction tx = start();
        layer.onResponse(response(100));
        tx.abandon(); // the caller's CANCEL went unanswered for 64·T1
        clock.advance(10, TimeUnit.MINUTES);
        layer.onResponse(response(487));
        assertThat(sent).hasSize(1);
        assertThat(heard).containsExactly("1xx 100");
        assertThat(tx.state()).isEqualTo(InviteClientTransaction.State.TERMINATED);
    }

    @Test
    void aFailureIsAckedWithTheSameBranchAndItsRetransmissionsReAcked() throws Exception {
        start();
        layer.onResponse(withMessage(486));
        assertThat(sent).containsExactly("INVITE", "ACK");
        layer.onResponse(withMessage(486));
        assertThat(sent).containsExactly("INVITE", "ACK", "ACK");
        assertThat(heard).containsExactly("final 486");
        clock.advance(32, TimeUnit.SECONDS); // Timer D (64·T1 here) ends it
        assertThat(layer.liveTransactions()).isZero();
    }

    @Test
    void a2xxIsLeftToTheCallerAndItsRetransmissionsArePassedUp() throws Exception {
        start();
        layer.onResponse(withMessage(200));
        layer.onResponse(withMessage(200));
        assertThat(sent).containsExactly("INVITE"); // the ACK for a 2xx is the dialog's, not ours
        assertThat(heard).containsExactly("final 200", "2xx again");
        clock.advance(32, TimeUnit.SECONDS); // Timer M
        layer.onResponse(withMessage(200));
        assertThat(heard).containsExactly("final 200", "2xx again");
        assertThat(layer.counters().strayResponses()).isEqualTo(1);
    }

    @Test
    void aCancelSharesTheInviteBranchWithoutColliding() {
        start();
        ClientTransaction cancel = layer.start("z9hG4bKtest", "CANCEL", (b, t) -> true, PROXY, new byte[1],
                (tx, outcome, response) -> heard.add("cancel " + response.statusCode()), null);
        layer.onResponse(new SipResponse(200, "OK", "z9hG4bKtest", "CANCEL", 1, "c", null, null, -1, -1, -1, -1));
        assertThat(heard).containsExactly("cancel 200");
        assertThat(cancel.state()).isEqualTo(ClientTransaction.State.COMPLETED);
        assertThat(layer.liveTransactions()).isEqualTo(2);
    }
}
