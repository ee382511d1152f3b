package io.sipdrill.load.handset;

import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.codec.LeanSipCodec;
import io.sipdrill.load.sip.codec.SipParseException;
import io.sipdrill.load.sip.message.RegisterTemplate;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.sip.transaction.TransactionLayer;
import io.sipdrill.load.time.DrillClock;
import io.sipdrill.load.time.ManualScheduler;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One handset on virtual time with a scripted registrar: tests see each request and answer it by hand. */
final class HandsetHarness {

    static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.1.1", 5060);
    static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.2.1", 5060);

    final ManualScheduler scheduler = new ManualScheduler();
    final TransactionLayer layer = new TransactionLayer(scheduler, SipTimers.RFC3261);
    final List<Sent> sent = new ArrayList<>();
    final List<JournalEvent> journal = new ArrayList<>();
    final PopCounts counts = new PopCounts(1);
    final Handset handset;

    record Sent(InetSocketAddress target, String text) {
        String header(String name) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + ": ([^\r\n]*)").matcher(text);
            return m.find() ? m.group(1) : null;
        }

        String branch() {
            Matcher m = Pattern.compile("branch=([^;\r]+)").matcher(text);
            m.find();
            return m.group(1);
        }
    }

    static HandsetProfile profile(FailbackMode mode) {
        return new HandsetProfile(Duration.ofSeconds(100), 0.5, 0.5, 2, Duration.ofSeconds(5), mode,
                Duration.ofSeconds(300));
    }

    HandsetHarness(HandsetProfile profile) {
        Journal j = new Journal() {
            @Override public void write(JournalEvent event) { journal.add(event); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        HandsetContext ctx = new HandsetContext(layer, new RegisterTemplate("sipdrill.test"), PRIMARY, BACKUP, j, DrillClock.startingNow(scheduler), counts);
        handset = new Handset(7, "1000007", "pw-1000007", ctx, profile, "127.0.3.1:5070".getBytes(StandardCharsets.US_ASCII), 0.5,
                (request, target) -> {
            sent.add(new Sent(target, new String(request, StandardCharsets.US_ASCII)));
            return true;
        });
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    /** Answers the last request with a response whose extra header lines are given. */
    void reply(int code, String reason, String... headers) {
        Sent req = last();
        StringBuilder r = new StringBuilder("SIP/2.0 ").append(code).append(' ').append(reason).append("\r\n")
                .append("Via: SIP/2.0/UDP 127.0.3.1:5070;branch=").append(req.branch()).append("\r\n")
                .append("Call-ID: ").append(req.header("Call-ID")).append("\r\n")
                .append("CSeq: ").append(req.header("CSeq")).append("\r\n");
        for (String h : headers) {
            r.append(h).append("\r\n");
        }
        r.append("Content-Length: 0\r\n\r\n");
        try {
            layer.onResponse(new LeanSipCodec().decodeResponse(ByteBuffer.wrap(r.toString().getBytes(StandardCharsets.US_ASCII))));
        } catch (SipParseException e) {
            throw new AssertionError(e);
        }
        scheduler.runPending();
    }

    void challenge() {
        reply(401, "Unauthorized", "WWW-Authenticate: Digest realm=\"sipdrill.test\", nonce=\"n" + sent.size()
                + "\", qop=\"auth\", algorithm=MD5");
    }

    void ok(int expires) {
        reply(200, "OK", "Contact: <sip:1000007@127.0.3.1:5070>;expires=" + expires);
    }

    /** REGISTER → 401 → REGISTER+digest → 200. */
    void registerFully(int expires) {
        challenge();
        ok(expires);
    }

    void advance(double seconds) {
        scheduler.advance((long) (seconds * 1e9), TimeUnit.NANOSECONDS);
    }

    <T extends JournalEvent> List<T> events(Class<T> type) {
        return journal.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
