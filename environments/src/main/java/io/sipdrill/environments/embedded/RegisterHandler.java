package io.sipdrill.environments.embedded;

import gov.nist.javax.sip.header.HeaderExt;
import io.sipdrill.load.sip.auth.DigestCredentials;
import io.sipdrill.load.sip.auth.DigestVerifier;

import javax.sip.InvalidArgumentException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A registrar's REGISTER logic (RFC 3261 §10.3): digest challenge and check, then the bindings update.
 * It only builds responses; sending them is the caller's job.
 */
final class RegisterHandler {

    /** What a contact gets when neither it nor the request says how long (RFC 3261 §10.3 step 7). */
    private static final int DEFAULT_EXPIRES = 3600;

    private final RegistrarConfig config;
    private final Nonces nonces;
    private final Bindings bindings;
    private final Responses responses;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final String opaque;
    private final LongAdder accepted = new LongAdder();

    RegisterHandler(RegistrarConfig config, Nonces nonces, Bindings bindings, Responses responses,
                    HeaderFactory headers, AddressFactory addresses) {
        this.config = config;
        this.nonces = nonces;
        this.bindings = bindings;
        this.responses = responses;
        this.headers = headers;
        this.addresses = addresses;
        this.opaque = nonces.issue();
    }

    /** REGISTERs answered 200 that added, refreshed or removed bindings. */
    long accepted() {
        return accepted.sum();
    }

    Response handle(Request request) throws ParseException, InvalidArgumentException {
        Header auth = request.getHeader(AuthorizationHeader.NAME);
        if (auth == null) {
            return challenge(request, false);
        }
        DigestCredentials creds;
        try {
            creds = DigestCredentials.parse(((HeaderExt) auth).getValue());
        } catch (IllegalArgumentException e) {
            return challenge(request, false);
        }
        if (!config.realm().equals(creds.realm()) || creds.algorithm() != config.algorithm()
                || (creds.opaque() != null && !opaque.equals(creds.opaque()))) {
            return challenge(request, false);
        }
        NonceStatus nonce = nonces.check(creds.nonce());
        if (nonce == NonceStatus.UNKNOWN) {
            return challenge(request, false);
        }
        String user = aorUser(request);
        if (!creds.username().equals(user)) {
            return responses.create(Response.FORBIDDEN, request, "Username does not match To");
        }
        if (!DigestVerifier.verify(creds, request.getMethod(), config.credentials().password(user))) {
            // 403 rather than a fresh 401: a handset with a wrong password should stop, not loop.
            return responses.create(Response.FORBIDDEN, request, "Wrong password");
        }
        if (nonce == NonceStatus.STALE) {
            return challenge(request, true);
        }
        return register(request, user);
    }

    private Response register(Request request, String user) throws ParseException, InvalidArgumentException {
        ExpiresHeader expiresHeader = request.getExpires();
        int defaultExpires = expiresHeader != null ? expiresHeader.getExpires() : DEFAULT_EXPIRES;
        List<ContactHeader> contacts = contacts(request);
        if (contacts.size() == 1 && contacts.get(0).isWildCard()) {
            if (expiresHeader == null || expiresHeader.getExpires() != 0) {
                return responses.create(Response.BAD_REQUEST, request, "Contact * needs Expires: 0");
            }
            bindings.removeAll(user);
            accepted.increment();
            return responses.create(Response.OK, request, null);
        }
        int[] requested = new int[contacts.size()];
        for (int i = 0; i < requested.length; i++) {
            int e = contacts.get(i).getExpires();
            requested[i] = e >= 0 ? e : defaultExpires;
            if (requested[i] > 0 && requested[i] < config.minExpires()) {
                Response r = responses.create(Response.INTERVAL_TOO_BRIEF, request, null);
                r.addHeader(headers.createMinExpiresHeader(config.minExpires()));
                return r;
            }
        }
        Map<String, ContactHeader> sent = new HashMap<>(4);
        for (int i = 0; i < requested.length; i++) {
            String key = contacts.get(i).getAddress().getURI().toString();
            sent.put(key, contacts.get(i));
            bindings.update(user, key, Math.min(requested[i], config.maxExpires()));
        }
        if (!contacts.isEmpty()) {
            accepted.increment();
        }
        Response ok = responses.create(Response.OK, request, null);
        for (Map.Entry<String, Integer> binding : bindings.current(user).entrySet()) {
            ContactHeader c = sent.get(binding.getKey());
            c = c != null ? (ContactHeader) c.clone()
                    : headers.createContactHeader(addresses.createAddress(binding.getKey()));
            c.setExpires(binding.getValue());
            ok.addHeader(c);
        }
        return ok;
    }

    private Response challenge(Request request, boolean stale) throws ParseException {
        Response r = responses.create(Response.UNAUTHORIZED, request, null);
        WWWAuthenticateHeader h = headers.createWWWAuthenticateHeader("Digest");
        h.setRealm(config.realm());
        h.setNonce(nonces.issue());
        h.setAlgorithm(config.algorithm().token());
        h.setQop("auth");
        h.setOpaque(opaque);
        if (stale) {
            h.setStale(true);
        }
        r.addHeader(h);
        return r;
    }

    private static String aorUser(Request request) {
        URI uri = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI();
        return uri instanceof SipURI sip ? sip.getUser() : null;
    }

    private static List<ContactHeader> contacts(Request request) {
        List<ContactHeader> out = new ArrayList<>(2);
        ListIterator<?> it = request.getHeaders(ContactHeader.NAME);
        while (it.hasNext()) {
            out.add((ContactHeader) it.next());
        }
        return out;
    }
}
