package io.sipdrill.environments.fuzz;

import java.util.List;

import static io.sipdrill.environments.fuzz.TortureMessage.Validity.VALID;

/** Plain, valid messages a SIP receiver meets every second: the fuzzer's seeds. Placeholders as in {@link TortureMessage}. */
public final class ValidMessages {

    public static final TortureMessage REGISTER = new TortureMessage("register", VALID, String.join("\r\n",
            "REGISTER sip:$TARGET SIP/2.0",
            "Via: SIP/2.0/UDP $CLIENT;branch=z9hG4bK-seed$N;rport",
            "Max-Forwards: 70",
            "From: <sip:1000001@sipdrill.test>;tag=s$N",
            "To: <sip:1000001@sipdrill.test>",
            "Call-ID: seed-$N@$CLIENT",
            "CSeq: 1 REGISTER",
            "Contact: <sip:1000001@$CLIENT>;expires=60",
            "Expires: 60",
            "User-Agent: sipdrill-fuzz",
            "Content-Length: 0", "", ""));

    public static final TortureMessage INVITE = new TortureMessage("invite", VALID, String.join("\r\n",
            "INVITE sip:4420@$TARGET SIP/2.0",
            "Via: SIP/2.0/UDP $CLIENT;branch=z9hG4bK-seed$N",
            "Max-Forwards: 70",
            "From: \"Carrier\" <sip:+15555550100@sipdrill.test>;tag=s$N",
            "To: <sip:4420@sipdrill.test>",
            "Call-ID: seed-$N@$CLIENT",
            "CSeq: 1 INVITE",
            "Contact: <sip:carrier@$CLIENT>",
            "Content-Type: application/sdp",
            "Content-Length: 90", "",
            "v=0\r\no=- 1 1 IN IP4 127.0.35.1\r\ns=-\r\nc=IN IP4 127.0.35.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n"));

    public static final TortureMessage OPTIONS = new TortureMessage("options", VALID, String.join("\r\n",
            "OPTIONS sip:$TARGET SIP/2.0",
            "Via: SIP/2.0/UDP $CLIENT;branch=z9hG4bK-seed$N",
            "Max-Forwards: 70",
            "From: <sip:probe@sipdrill.test>;tag=s$N",
            "To: <sip:$TARGET>",
            "Call-ID: seed-$N@$CLIENT",
            "CSeq: 1 OPTIONS",
            "Accept: application/sdp",
            "Content-Length: 0", "", ""));

    /** A registrar's answer, as a handset receives it. */
    public static final TortureMessage REGISTER_OK = new TortureMessage("register-200", VALID, String.join("\r\n",
            "SIP/2.0 200 OK",
            "Via: SIP/2.0/UDP $TARGET;branch=z9hG4bK-seed$N;received=127.0.35.1;rport=5060",
            "From: <sip:1000001@sipdrill.test>;tag=s$N",
            "To: <sip:1000001@sipdrill.test>;tag=r$N",
            "Call-ID: seed-$N@$TARGET",
            "CSeq: 1 REGISTER",
            "Contact: <sip:1000001@$TARGET>;expires=60",
            "Content-Length: 0", "", ""));

    /** A challenge, as a handset receives it. */
    public static final TortureMessage REGISTER_401 = new TortureMessage("register-401", VALID, String.join("\r\n",
            "SIP/2.0 401 Unauthorized",
            "Via: SIP/2.0/UDP $TARGET;branch=z9hG4bK-seed$N",
            "From: <sip:1000001@sipdrill.test>;tag=s$N",
            "To: <sip:1000001@sipdrill.test>;tag=r$N",
            "Call-ID: seed-$N@$TARGET",
            "CSeq: 1 REGISTER",
            "WWW-Authenticate: Digest realm=\"sipdrill.test\", nonce=\"abc$N\", algorithm=MD5, qop=\"auth\"",
            "Content-Length: 0", "", ""));

    /** Seeds for a server: requests. */
    public static final List<TortureMessage> REQUESTS = List.of(REGISTER, INVITE, OPTIONS);
    /** Seeds for a handset: what servers send it, responses and requests. */
    public static final List<TortureMessage> TO_HANDSET = List.of(REGISTER_OK, REGISTER_401, INVITE, OPTIONS);

    private ValidMessages() {
    }
}
