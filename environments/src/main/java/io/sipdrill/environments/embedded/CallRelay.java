package io.sipdrill.environments.embedded;

import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The POP's call routing (CALL-ROUTING.md) as a stateless, record-routing proxy (RFC 3261 §16.11):
 * DDI calls from the carrier and handsets' external calls go to a PBX, the PBX's calls for an
 * extension go to the extension's registered contact, in-dialog requests follow their Route
 * headers. Stateless keeps the POP as cheap as its registrar; every choice is a function of the
 * request (the PBX by Call-ID hash, the branch by the incoming branch) so a CANCEL or an ACK takes
 * the same path as its INVITE.
 */
final class CallRelay {

    private final String host;
    private final int port;
    private final CallRouting routing;
    private final Bindings bindings;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final Responses responses;

    CallRelay(InetSocketAddress self, CallRouting routing, Bindings bindings, HeaderFactory headers,
              AddressFactory addresses, Responses responses) {
        this.host = self.getAddress().getHostAddress();
        this.port = self.getPort();
        this.routing = routing;
        this.bindings = bindings;
        this.headers = headers;
        this.addresses = addresses;
        this.responses = responses;
    }

    /**
     * Forwards {@code request} from {@code source}, or returns the error response to send instead.
     */
    Response forward(SipProvider provider, Request request, InetSocketAddress source) throws Exception {
        Request out = (Request) request.clone();
        MaxForwardsHeader mf = (MaxForwardsHeader) out.getHeader(MaxForwardsHeader.NAME);
        if (mf != null) {
            if (mf.getMaxForwards() <= 0) {
                return responses.create(Response.TOO_MANY_HOPS, request, null);
            }
            mf.decrementMaxForwards();
        }
        // We record-route every INVITE, so requests inside a dialog name us in a Route header. An
        // ACK for a failure or a CANCEL carries none: it takes the same decision as its INVITE.
        if (popOwnRoute(out)) {
            // Loose routing: the next Route (or the Request-URI) says where it goes.
            return send(provider, request, out);
        }
        String user = userOf(out.getRequestURI());
        String method = out.getMethod();
        boolean fromPbx = routing.pbxs().stream().anyMatch(p -> p.getAddress().equals(source.getAddress()));
        boolean fromCarrier = routing.carrier().getAddress().equals(source.getAddress());
        if (fromPbx && !user.startsWith("00")) {
            Map<String, Integer> contacts = bindings.current(user);
            if (contacts.isEmpty()) {
                return Request.ACK.equals(method) ? null : responses.create(Response.TEMPORARILY_UNAVAILABLE, request, null);
            }
            out.setRequestURI(addresses.createURI(contacts.keySet().iterator().next()));
        } else if (fromCarrier && (user.startsWith("4420") || user.startsWith("4421"))
                || !fromCarrier && !fromPbx && user.startsWith("00")) {
            InetSocketAddress pbx = routing.pbxs().get(Math.floorMod(callId(out).hashCode(), routing.pbxs().size()));
            out.addFirst(headers.createRouteHeader(addresses.createAddress(uri(pbx.getAddress().getHostAddress(), pbx.getPort()))));
        } else {
            return Request.ACK.equals(method) ? null : responses.create(Response.NOT_FOUND, request, null);
        }
        if (Request.INVITE.equals(method)) {
            out.addFirst(headers.createRecordRouteHeader(addresses.createAddress(uri(host, port))));
        }
        return send(provider, request, out);
    }

    /** A response to something we forwarded: our Via comes off and it goes to the next Via. */
    void relay(SipProvider provider, Response response) throws Exception {
        ViaHeader top = (ViaHeader) response.getHeader(ViaHeader.NAME);
        if (top == null || !host.equals(top.getHost()) || top.getPort() != port) {
            return; // not ours: a stray response is dropped, as RFC 3261 §16.7 says
        }
        response.removeFirst(ViaHeader.NAME);
        if (response.getHeader(ViaHeader.NAME) != null) {
            provider.sendResponse(response);
        }
    }

    private Response send(SipProvider provider, Request original, Request out) throws Exception {
        ViaHeader incoming = (ViaHeader) original.getHeader(ViaHeader.NAME);
        out.addFirst(headers.createViaHeader(host, port, "udp", branchFor(incoming == null ? "" : incoming.getBranch())));
        provider.sendRequest(out);
        return null;
    }

    /** Removes the top Route if it names us; true if it did. */
    private boolean popOwnRoute(Request out) {
        RouteHeader route = (RouteHeader) out.getHeader(RouteHeader.NAME);
        if (route != null && route.getAddress().getURI() instanceof SipURI u
                && host.equals(u.getHost()) && (u.getPort() == port || u.getPort() < 0 && port == 5060)) {
            out.removeFirst(RouteHeader.NAME);
            return true;
        }
        return false;
    }

    private SipURI uri(String h, int p) throws Exception {
        SipURI u = addresses.createSipURI(null, h);
        u.setPort(p);
        u.setLrParam();
        return u;
    }

    /**
     * RFC 3261 §16.11: a stateless proxy's branch is a function of the incoming one, so the
     * retransmissions, the ACK for a failure and the CANCEL of an INVITE all get the same branch
     * downstream (the CANCEL keeps the INVITE's, as RFC 3261 §9.1 wants).
     */
    private static String branchFor(String incomingBranch) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(incomingBranch.getBytes(StandardCharsets.US_ASCII));
            return "z9hG4bKpop" + HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String callId(Request r) {
        javax.sip.header.CallIdHeader c = (javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME);
        return c == null ? "" : c.getCallId();
    }

    private static String userOf(URI uri) {
        return uri instanceof SipURI s && s.getUser() != null ? s.getUser() : "";
    }
}
