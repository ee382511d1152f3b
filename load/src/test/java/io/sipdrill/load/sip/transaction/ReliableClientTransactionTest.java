package io.sipdrill.load.sip.transaction;

import io.sipdrill.load.sip.codec.SipResponse;
import io.sipdrill.load.time.ManualScheduler;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 3261 §17.1.2 on a reliable transport (TLS), on virtual time: no Timer E, Timer F still, Timer K zero. */
class ReliableClientTransactionTest {

    private static final InetSocketAddress REGISTRAR = new InetSocketAddress("127.0.30.1", 5061);
    private static final InetSocketAddress OTHER = new InetSocketAddress("127.0.30.2", 5061);

    private final ManualScheduler clock = new ManualScheduler();
    private final TransactionLayer layer = new TransactionLayer(clock, SipTimers.RFC3261);
    private final List<String> outcomes = new ArrayList<>();
    private int sends;

    private final ClientTransaction.Sender tls = new ClientTransaction.Sender() {
        @Override
        public boolean send(byte[] request, InetSocketAddress target) {
            sends++;
            return true;
        }

        @Override
        public boolean reliable() {
            return true;
        }
    };

    private final TransactionListener listener = (tx, outcome, response) ->
            outcomes.add(outcome + (response == null ? "" : " " + response.statusCode()));

    private ClientTransaction start(String branch, InetSocketAddress target) {
        return layer.start(branch, "REGISTER", tls, target, new byte[] {'R'}, listener, null);
    }

    @Test
    void noRetransmissionsButTimerFStillEndsIt() {
        start("z9hG4bKa", REGISTRAR);

        clock.advance(SipTimers.RFC3261.timeoutNanos() - 1, TimeUnit.NANOSECONDS);
        assertThat(sends).as("sent once: the stream delivers or fails by itself").isEqualTo(1);
        assertThat(outcomes).as("still waiting before Timer F").isEmpty();

        clock.advance(1, TimeUnit.NANOSECONDS);
        assertThat(outcomes).as("Timer F applies on any transport").containsExactly("TIMEOUT");
        assertThat(layer.counters().retransmissions()).isZero();
        assertThat(layer.liveTransactions()).isZero();
    }

    @Test
    void finalResponseLeavesTheTableAtOnce() {
        start("z9hG4bKb", REGISTRAR);

        layer.onResponse(new SipResponse(200, "OK", "z9hG4bKb", "REGISTER", 1, "c", null, null, -1, -1, -1, -1));

        assertThat(outcomes).containsExactly("RESPONSE 200");
        assertThat(layer.liveTransactions()).as("Timer K is zero on a reliable transport").isZero();
    }

    @Test
    void lostConnectionEndsOnlyItsTransactionsWithATransportError() {
        start("z9hG4bKc", REGISTRAR);
        start("z9hG4bKd", REGISTRAR);
        start("z9hG4bKe", OTHER);

        layer.onTransportFailure(tls, REGISTRAR);

        assertThat(outcomes).as("both requests to the lost connection, at once rather than at Timer F")
                .containsExactly("TRANSPORT_ERROR", "TRANSPORT_ERROR");
        assertThat(layer.counters().transportFailures()).isEqualTo(2);
        assertThat(layer.liveTransactions()).as("the one to another registrar keeps waiting").isEqualTo(1);
        clock.advance(SipTimers.RFC3261.timeoutNanos(), TimeUnit.NANOSECONDS);
        assertThat(outcomes).as("the failed ones do not time out again").containsExactly(
                "TRANSPORT_ERROR", "TRANSPORT_ERROR", "TIMEOUT");
    }
}
