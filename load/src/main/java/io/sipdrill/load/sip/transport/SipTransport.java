package io.sipdrill.load.sip.transport;

/**
 * The transport handsets register over, as it appears on the wire: the Via token (RFC 3261 §18.2.1)
 * and the Contact URI parameter that tells the registrar how to reach the handset again.
 */
public enum SipTransport {
    UDP("UDP", "", false),
    /** RFC 3261 over TLS: reliable, so no retransmissions (§17.1.2.2), and Contact says so (§19.1.4). */
    TLS("TLS", ";transport=tls", true);

    private final String viaToken;
    private final String contactParameter;
    private final boolean reliable;

    SipTransport(String viaToken, String contactParameter, boolean reliable) {
        this.viaToken = viaToken;
        this.contactParameter = contactParameter;
        this.reliable = reliable;
    }

    /** {@code UDP} or {@code TLS}, as in {@code Via: SIP/2.0/TLS host:port}. */
    public String viaToken() {
        return viaToken;
    }

    /** Appended to the Contact URI: empty for UDP (the default), {@code ;transport=tls} for TLS. */
    public String contactParameter() {
        return contactParameter;
    }

    /** True when the transport itself delivers or fails: no Timer E/A retransmissions. */
    public boolean reliable() {
        return reliable;
    }
}
