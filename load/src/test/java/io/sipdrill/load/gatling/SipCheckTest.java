package io.sipdrill.load.gatling;

import io.gatling.commons.stats.OK$;
import io.gatling.core.session.Session;
import io.gatling.javaapi.core.internal.Converters;
import io.sipdrill.load.gatling.check.SipCheck;
import io.sipdrill.load.gatling.internal.SipVerdict;
import io.sipdrill.load.sip.codec.LeanSipCodec;
import io.sipdrill.load.sip.codec.SipResponse;
import io.sipdrill.load.sip.transaction.TransactionOutcome;
import org.junit.jupiter.api.Test;
import scala.collection.immutable.List;
import scala.collection.immutable.Nil$;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.sipdrill.load.gatling.SipDsl.header;
import static io.sipdrill.load.gatling.SipDsl.status;
import static org.assertj.core.api.Assertions.assertThat;

class SipCheckTest {

    private static final String OK = String.join("\r\n",
            "SIP/2.0 200 OK",
            "Via: SIP/2.0/UDP 127.0.3.1:40001;branch=z9hG4bKabc.2",
            "i: 1000001-P-xyz@sipdrill",
            "CSeq: 8 REGISTER",
            "m: <sip:1000001@127.0.3.1:40001>;expires=120",
            "Expires: 120",
            "X-Folded: first",
            "  second",
            "Content-Length: 0", "", "");

    private final SipResponse ok = decode(OK);
    private final Session session = session(Map.of("expires", "120", "code", 200));

    @Test
    void statusChecks() {
        assertThat(status().is(200).check(ok, session).passed()).isTrue();
        assertThat(status().is(s -> s.getInt("code")).check(ok, session).passed()).isTrue();
        assertThat(status().in(401, 200).check(ok, session).passed()).isTrue();
        assertThat(status().not(200).check(ok, session).passed()).isFalse();

        SipCheck.Result failed = status().is(403).check(ok, session);
        assertThat(failed.passed()).isFalse();
        assertThat(failed.message()).isEqualTo("status: expected 403, found 200");

        SipCheck.Result saved = status().saveAs("code").check(ok, session);
        assertThat(saved.saveAs()).isEqualTo("code");
        assertThat(saved.value()).isEqualTo(200);
    }

    @Test
    void headerChecksReadAnyHeaderCompactFormsAndFoldedLines() {
        assertThat(header("Contact").exists().check(ok, session).passed()).as("m: is Contact").isTrue();
        assertThat(header("call-id").is("1000001-P-xyz@sipdrill").check(ok, session).passed()).isTrue();
        assertThat(header("Expires").is("#{expires}").check(ok, session).passed()).isTrue();
        assertThat(header("Expires").is(s -> "60").check(ok, session).message())
                .isEqualTo("header Expires: expected '60', found 120");
        assertThat(header("X-Folded").is("first second").check(ok, session).passed()).isTrue();
        assertThat(header("Retry-After").notExists().check(ok, session).passed()).isTrue();
        assertThat(header("Min-Expires").exists().check(ok, session).message())
                .isEqualTo("header Min-Expires: expected to exist, found nothing");

        SipCheck.Result saved = header("Expires").saveAs("granted").check(ok, session);
        assertThat(saved.passed()).isTrue();
        assertThat(saved.saveAs()).isEqualTo("granted");
        assertThat(saved.value()).isEqualTo("120");
    }

    @Test
    void anUnresolvableExpectationFailsTheCheckWithTheReason() {
        SipCheck.Result r = header("Expires").is("#{missing}").check(ok, session);
        assertThat(r.passed()).isFalse();
        assertThat(r.message()).contains("header Expires").contains("missing");
    }

    @Test
    void noResponseFailsEveryCheckButNotExists() {
        assertThat(status().is(200).check(null, session).message()).isEqualTo("status: expected 200, found no response");
        assertThat(header("Contact").exists().check(null, session).passed()).isFalse();
    }

    @Test
    void verdictTakesTheFirstFailureAndCollectsSaves() {
        SipVerdict pass = SipVerdict.of(java.util.List.of(status().is(200), header("Expires").saveAs("granted"),
                status().saveAs("code")), ok, session);
        assertThat(pass.failure()).isNull();
        assertThat(pass.saves()).containsEntry("granted", "120").containsEntry("code", 200);

        SipVerdict fail = SipVerdict.of(java.util.List.of(header("Expires").saveAs("granted"), status().is(202),
                header("Nope").exists()), ok, session);
        assertThat(fail.failure()).isEqualTo("status: expected 202, found 200");
        assertThat(fail.saves()).isEmpty();
    }

    @Test
    void transactionVerdicts() {
        SipResponse challenge = decode(OK.replace("200 OK", "401 Unauthorized"));
        SipResponse forbidden = decode(OK.replace("200 OK", "403 Forbidden"));
        assertThat(SipVerdict.transactionFailure(TransactionOutcome.RESPONSE, ok, true)).isNull();
        assertThat(SipVerdict.transactionFailure(TransactionOutcome.RESPONSE, challenge, true))
                .as("a challenge is the expected first half").isNull();
        assertThat(SipVerdict.transactionFailure(TransactionOutcome.RESPONSE, challenge, false)).isEqualTo("401 Unauthorized");
        assertThat(SipVerdict.transactionFailure(TransactionOutcome.RESPONSE, forbidden, true)).isEqualTo("403 Forbidden");
        assertThat(SipVerdict.transactionFailure(TransactionOutcome.TIMEOUT, null, true)).isEqualTo("timeout");
        assertThat(SipVerdict.transactionFailure(TransactionOutcome.TRANSPORT_ERROR, null, true)).isEqualTo("transport error");
    }

    @Test
    void theDefaultCodecStillKeepsNoHeaderLines() throws Exception {
        SipResponse lean = new LeanSipCodec().decodeResponse(ByteBuffer.wrap(OK.getBytes(StandardCharsets.US_ASCII)));
        assertThat(lean.headers()).isNull();
        assertThat(lean.header("Contact")).isNull();
        assertThat(lean.contactExpires()).isEqualTo(120);
        assertThat(ok.headers().names()).containsExactly("Via", "i", "CSeq", "m", "Expires", "X-Folded", "Content-Length");
        assertThat(ok.headers().all("contact")).containsExactly("<sip:1000001@127.0.3.1:40001>;expires=120");
    }

    static SipResponse decode(String text) {
        try {
            return new LeanSipCodec(true).decodeResponse(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Session session(Map<String, Object> attributes) {
        return new Session("scenario", 1L, Converters.toScalaMap(attributes), OK$.MODULE$,
                (List<io.gatling.core.session.Block>) (Object) Nil$.MODULE$, Session.NothingOnExit(), null);
    }
}
