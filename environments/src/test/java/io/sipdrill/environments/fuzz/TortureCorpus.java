package io.sipdrill.environments.fuzz;

import io.sipdrill.environments.fuzz.TortureMessage.Validity;

import java.util.ArrayList;
import java.util.List;

import static io.sipdrill.environments.fuzz.TortureMessage.Validity.INVALID;
import static io.sipdrill.environments.fuzz.TortureMessage.Validity.VALID;

/**
 * Our own SIP torture messages, written from the descriptions in RFC 4475 (its valid-but-tricky and
 * its invalid sections) plus the byte-level breakage a UDP receiver meets in the wild (NUL, CR-only
 * and LF-only lines, truncation, binary noise). Each is named after what it tests. The texts are
 * ours, not the RFC's: same ideas, different messages.
 */
public final class TortureCorpus {

    private static final String CRLF = "\r\n";
    private static final String VIA = "Via: SIP/2.0/UDP $CLIENT;branch=z9hG4bK-tort$N";
    private static final String FROM = "From: <sip:1000001@sipdrill.test>;tag=tt$N";
    private static final String TO = "To: <sip:1000001@sipdrill.test>";
    private static final String CALL_ID = "Call-ID: torture-$N@$CLIENT";
    private static final String MAX_FWD = "Max-Forwards: 70";
    private static final String CONTACT = "Contact: <sip:1000001@$CLIENT>";
    private static final String SDP = "v=0" + CRLF + "o=- 1 1 IN IP4 127.0.35.1" + CRLF + "s=-" + CRLF
            + "c=IN IP4 127.0.35.1" + CRLF + "t=0 0" + CRLF + "m=audio 40000 RTP/AVP 0" + CRLF;

    private static final List<TortureMessage> ALL = build();

    private TortureCorpus() {
    }

    /** Every message, valid and invalid. */
    public static List<TortureMessage> all() {
        return ALL;
    }

    public static List<TortureMessage> of(Validity validity) {
        return ALL.stream().filter(m -> m.validity() == validity).toList();
    }

    /** Header lines joined by CRLF, then the empty line and {@code body}. */
    private static String msg(String body, String... lines) {
        return String.join(CRLF, lines) + CRLF + CRLF + body;
    }

    private static String register(String... extra) {
        List<String> lines = new ArrayList<>(List.of("REGISTER sip:$TARGET SIP/2.0", VIA, MAX_FWD, FROM, TO, CALL_ID,
                "CSeq: 1 REGISTER", CONTACT));
        lines.addAll(List.of(extra));
        lines.add("Content-Length: 0");
        return msg("", lines.toArray(String[]::new));
    }

    private static List<TortureMessage> build() {
        List<TortureMessage> m = new ArrayList<>();
        // ---- valid but tricky (RFC 4475 §3.1.1 and §3.3 ideas) ----
        m.add(new TortureMessage("folded-and-padded-headers", VALID, msg("",
                "OPTIONS sip:$TARGET SIP/2.0", "via  :   SIP/2.0 / UDP   $CLIENT ;branch=z9hG4bK-tort$N",
                "max-forwards:\t70", "from :<sip:1000001@sipdrill.test>  ;  tag = tt$N", "t: <sip:1000001@sipdrill.test>",
                "i:torture-$N@$CLIENT", "CSeq:\t 8\r\n   OPTIONS", "Subject: first line", "  continued on a folded line",
                "l: 0")));
        m.add(new TortureMessage("compact-header-names", VALID, msg("",
                "OPTIONS sip:$TARGET SIP/2.0", "v: SIP/2.0/UDP $CLIENT;branch=z9hG4bK-tort$N", "f: <sip:1000001@sipdrill.test>;tag=tt$N",
                "t: <sip:1000001@sipdrill.test>", "i: torture-$N@$CLIENT", "CSeq: 2 OPTIONS", "m: <sip:1000001@$CLIENT>", "l: 0")));
        m.add(new TortureMessage("mixed-case-header-names-and-method-token", VALID, msg("",
                "OPTIONS sip:$TARGET SIP/2.0", "vIA: SIP/2.0/UDP $CLIENT;branch=z9hG4bK-tort$N", "fRoM: <sip:1000001@sipdrill.test>;tag=tt$N",
                "TO: <sip:1000001@sipdrill.test>", "CALL-id: torture-$N@$CLIENT", "cseq: 3 OPTIONS", "CONTENT-LENGTH: 0")));
        m.add(new TortureMessage("percent-escaped-user-in-request-uri", VALID,
                register().replace("REGISTER sip:$TARGET", "REGISTER sip:%31%30%30%30%30%30%31@$TARGET")));
        m.add(new TortureMessage("escaped-nul-in-uri-user", VALID,
                register().replace("REGISTER sip:$TARGET", "REGISTER sip:user%00name@$TARGET")));
        m.add(new TortureMessage("percent-sign-not-an-escape-in-display-name", VALID, register()
                .replace(FROM, "From: \"100% sure\" <sip:1000001@sipdrill.test>;tag=tt$N")));
        m.add(new TortureMessage("no-space-before-angle-bracket", VALID, register()
                .replace(FROM, "From: \"caller\"<sip:1000001@sipdrill.test>;tag=tt$N")));
        m.add(new TortureMessage("long-header-values", VALID, register(
                "X-Long: " + "a".repeat(1500), "User-Agent: " + "sipdrill-torture/1.0 ".repeat(40))));
        m.add(new TortureMessage("many-via-parameters-and-unknown-ones", VALID, register()
                .replace(VIA, VIA + ";rport;x-unknown=1;flag;ttl=16;maddr=127.0.35.1")));
        m.add(new TortureMessage("semicolons-in-uri-user-part", VALID, register()
                .replace(CONTACT, "Contact: <sip:1000001;phone-context=sipdrill.test@$CLIENT>")));
        m.add(new TortureMessage("unknown-transport-in-via", VALID, register()
                .replace("SIP/2.0/UDP $CLIENT", "SIP/2.0/UDP $CLIENT;branch=z9hG4bK-x1$N,SIP/2.0/FOO 127.0.35.9")));
        String multipart = "--b1" + CRLF + "Content-Type: application/sdp" + CRLF + CRLF + SDP + "--b1" + CRLF
                + "Content-Type: text/plain" + CRLF + CRLF + "hello" + CRLF + "--b1--" + CRLF;
        m.add(new TortureMessage("multipart-body", VALID, msg(multipart,
                "INVITE sip:4420@$TARGET SIP/2.0", VIA, MAX_FWD, FROM, "To: <sip:4420@sipdrill.test>", CALL_ID,
                "CSeq: 1 INVITE", CONTACT, "Content-Type: multipart/mixed;boundary=b1",
                "Content-Length: " + multipart.length())));
        m.add(new TortureMessage("trailing-octets-after-body", VALID, msg("xyzzy-extra-octets", "OPTIONS sip:$TARGET SIP/2.0",
                VIA, MAX_FWD, FROM, TO, CALL_ID, "CSeq: 4 OPTIONS", "Content-Length: 0")));
        m.add(new TortureMessage("unknown-method-consistent-cseq", VALID, msg("", "FROBNICATE sip:$TARGET SIP/2.0",
                VIA, MAX_FWD, FROM, TO, CALL_ID, "CSeq: 5 FROBNICATE", "Content-Length: 0")));
        m.add(new TortureMessage("tel-uri-in-request-uri", VALID, msg("", "OPTIONS tel:+15555550100 SIP/2.0",
                VIA, MAX_FWD, FROM, TO, CALL_ID, "CSeq: 6 OPTIONS", "Content-Length: 0")));
        m.add(new TortureMessage("register-with-contact-and-uri-parameters", VALID, register()
                .replace(CONTACT, "Contact: <sip:1000001@$CLIENT;transport=udp;x=y>;expires=60;q=0.5;+sip.instance=\"<urn:x>\"")));
        m.add(new TortureMessage("response-with-utf8-reason-phrase", VALID, msg("", "SIP/2.0 200 Bien re\u00c3\u00a7u \u00e2\u0080\u0094 ok",
                VIA, FROM, TO + ";tag=r$N", CALL_ID, "CSeq: 1 REGISTER", "Content-Length: 0")));
        m.add(new TortureMessage("response-with-empty-reason-phrase", VALID, msg("", "SIP/2.0 200 ",
                VIA, FROM, TO + ";tag=r$N", CALL_ID, "CSeq: 1 REGISTER", "Content-Length: 0")));
        m.add(new TortureMessage("crlf-keepalive-then-options", VALID, CRLF + CRLF + msg("", "OPTIONS sip:$TARGET SIP/2.0",
                VIA, MAX_FWD, FROM, TO, CALL_ID, "CSeq: 7 OPTIONS", "Content-Length: 0")));

        // ---- invalid (RFC 4475 §3.1.2, §3.3 ideas) ----
        m.add(new TortureMessage("content-length-larger-than-body", INVALID, msg("v=0" + CRLF,
                "INVITE sip:4420@$TARGET SIP/2.0", VIA, MAX_FWD, FROM, "To: <sip:4420@sipdrill.test>", CALL_ID,
                "CSeq: 1 INVITE", CONTACT, "Content-Type: application/sdp", "Content-Length: 9999")));
        m.add(new TortureMessage("negative-content-length", INVALID, register().replace("Content-Length: 0", "Content-Length: -42")));
        m.add(new TortureMessage("non-numeric-content-length", INVALID, register().replace("Content-Length: 0", "Content-Length: zero")));
        m.add(new TortureMessage("two-different-content-lengths", INVALID, register("Content-Length: 12")));
        m.add(new TortureMessage("overlarge-cseq-number", INVALID, register().replace("CSeq: 1 REGISTER", "CSeq: 99999999999999999999 REGISTER")));
        m.add(new TortureMessage("overlarge-max-forwards", INVALID, register().replace(MAX_FWD, "Max-Forwards: 300000000000")));
        m.add(new TortureMessage("overlarge-expires", INVALID, register("Expires: 184467440737095516160")));
        m.add(new TortureMessage("cseq-without-number", INVALID, register().replace("CSeq: 1 REGISTER", "CSeq: REGISTER")));
        m.add(new TortureMessage("cseq-method-differs-from-request", INVALID, register().replace("CSeq: 1 REGISTER", "CSeq: 1 INVITE")));
        m.add(new TortureMessage("unknown-method-cseq-mismatch", INVALID, msg("", "NEWMETHOD sip:$TARGET SIP/2.0",
                VIA, MAX_FWD, FROM, TO, CALL_ID, "CSeq: 9 OTHERMETHOD", "Content-Length: 0")));
        m.add(new TortureMessage("unterminated-quoted-display-name", INVALID, register()
                .replace(FROM, "From: \"never closed <sip:1000001@sipdrill.test>;tag=tt$N")));
        m.add(new TortureMessage("angle-brackets-around-request-uri", INVALID,
                register().replace("REGISTER sip:$TARGET SIP/2.0", "REGISTER <sip:$TARGET> SIP/2.0")));
        m.add(new TortureMessage("space-inside-request-uri", INVALID,
                register().replace("REGISTER sip:$TARGET SIP/2.0", "REGISTER sip:user name@$TARGET SIP/2.0")));
        m.add(new TortureMessage("several-spaces-in-request-line", INVALID,
                register().replace("REGISTER sip:$TARGET SIP/2.0", "REGISTER   sip:$TARGET    SIP/2.0")));
        m.add(new TortureMessage("trailing-space-in-request-line", INVALID,
                register().replace("REGISTER sip:$TARGET SIP/2.0", "REGISTER sip:$TARGET SIP/2.0   ")));
        m.add(new TortureMessage("bad-sip-version", INVALID, register().replace("SIP/2.0\r\n", "SIP/7.0\r\n")));
        m.add(new TortureMessage("lowercase-garbage-version", INVALID, register().replace("REGISTER sip:$TARGET SIP/2.0", "REGISTER sip:$TARGET sip/two")));
        m.add(new TortureMessage("status-code-with-four-digits", INVALID, msg("", "SIP/2.0 4040 Not Found",
                VIA, FROM, TO + ";tag=r$N", CALL_ID, "CSeq: 1 REGISTER", "Content-Length: 0")));
        m.add(new TortureMessage("status-line-without-code", INVALID, msg("", "SIP/2.0 OK",
                VIA, FROM, TO, CALL_ID, "CSeq: 1 REGISTER", "Content-Length: 0")));
        m.add(new TortureMessage("name-addr-with-params-not-in-angle-brackets", INVALID, register()
                .replace(CONTACT, "Contact: sip:1000001@$CLIENT;transport=udp?x=1 ;expires=x")));
        m.add(new TortureMessage("non-token-characters-in-display-name", INVALID, register()
                .replace(FROM, "From: caller @ home ; <sip:1000001@sipdrill.test>;tag=tt$N")));
        m.add(new TortureMessage("missing-call-id", INVALID, register().replace(CALL_ID + CRLF, "")));
        m.add(new TortureMessage("missing-from", INVALID, register().replace(FROM + CRLF, "")));
        m.add(new TortureMessage("missing-via", INVALID, register().replace(VIA + CRLF, "")));
        m.add(new TortureMessage("missing-cseq", INVALID, register().replace("CSeq: 1 REGISTER" + CRLF, "")));
        m.add(new TortureMessage("duplicated-call-id-values", INVALID, register("Call-ID: another-$N")));
        m.add(new TortureMessage("duplicated-from", INVALID, register("From: <sip:evil@sipdrill.test>;tag=e$N")));
        m.add(new TortureMessage("unknown-scheme-in-request-uri", INVALID,
                register().replace("REGISTER sip:$TARGET", "REGISTER zzz:$TARGET")));
        m.add(new TortureMessage("unknown-scheme-in-to", INVALID, register().replace(TO, "To: <blah:1000001@sipdrill.test>")));
        m.add(new TortureMessage("header-without-colon", INVALID, register("Expires 60")));
        m.add(new TortureMessage("empty-header-name", INVALID, register(": orphan value")));
        m.add(new TortureMessage("nul-bytes-in-headers", INVALID, register().replace("Max-Forwards: 70", "Max-Fo\0rwards: 7\0")));
        m.add(new TortureMessage("cr-only-line-ends", INVALID, register().replace(CRLF, "\r")));
        m.add(new TortureMessage("lf-only-line-ends-with-garbage-start", INVALID, "REGISTER\nsip:$TARGET\nSIP/2.0\n\n"));
        m.add(new TortureMessage("no-empty-line-after-headers", INVALID,
                String.join(CRLF, "OPTIONS sip:$TARGET SIP/2.0", VIA, FROM, TO, CALL_ID, "CSeq: 1 OPTIONS")));
        m.add(new TortureMessage("truncated-in-start-line", INVALID, "REGISTER sip:$TA"));
        m.add(new TortureMessage("only-start-line", INVALID, "INVITE sip:4420@$TARGET SIP/2.0" + CRLF + CRLF));
        m.add(new TortureMessage("binary-noise", INVALID, "\u0001\u00ff\u0000\u0080\u007fSIP\u0000\u00fe\u0010\r\n\u00c0\u00c1garbage"));
        m.add(new TortureMessage("spaces-only", INVALID, " ".repeat(64)));
        m.add(new TortureMessage("http-request-not-sip", INVALID, "GET / HTTP/1.1\r\nHost: $TARGET\r\n\r\n"));
        m.add(new TortureMessage("via-without-branch-or-host", INVALID, register().replace(VIA, "Via: SIP/2.0/UDP")));
        m.add(new TortureMessage("response-missing-via", INVALID, msg("", "SIP/2.0 200 OK", FROM, TO + ";tag=r$N", CALL_ID,
                "CSeq: 1 REGISTER", "Content-Length: 0")));
        return List.copyOf(m);
    }
}
