package io.sipdrill.environments.embedded;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.sipdrill.environments.SipEndpoint;
import io.sipdrill.load.time.Ticker;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An in-JVM SIP registrar on its own JAIN-SIP RI stack and UDP address, behind a {@link CapacityModel}.
 * It answers REGISTER (digest auth, bindings, 423/Min-Expires) and OPTIONS; everything else gets 405
 * or 501. Responses are sent statelessly, so the stack keeps no transactions that would linger for
 * Timer J and cost memory under load; a retransmitted REGISTER is simply processed again, as a
 * stateless proxy would, which is what makes retransmission amplification visible.
 *
 * <pre>{@code
 * try (EmbeddedRegistrar r = new EmbeddedRegistrar(RegistrarConfig.defaults("primary",
 *         new InetSocketAddress("127.0.1.1", 5060)))) {
 *     r.start();
 *     r.capacity().setCapacityFactor(0); // outage
 * }
 * }</pre>
 */
public final class EmbeddedRegistrar implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedRegistrar.class.getName());
    private static final AtomicInteger STACK_IDS = new AtomicInteger();
    /** Methods we know and refuse with 405; anything else is 501 Not Implemented. */
    private static final Set<String> KNOWN_METHODS = Set.of(Request.INVITE, Request.ACK, Request.BYE,
            Request.CANCEL, Request.SUBSCRIBE, Request.NOTIFY, Request.MESSAGE, Request.INFO, Request.PRACK,
            Request.UPDATE, Request.REFER, Request.PUBLISH);
    private static final String[] ALLOWED = {Request.REGISTER, Request.OPTIONS};
    private static final Duration SELF_CHECK_TIMEOUT = Duration.ofSeconds(5);

    private final RegistrarConfig config;
    private final Bindings bindings;
    private final ExecutorScheduler scheduler;
    private final CapacityModel capacity;
    private final HeaderFactory headers = new HeaderFactoryImpl();
    private final Responses responses;
    private final RegisterHandler registerHandler;
    private final LongAdder received = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private RiStack stack;
    private boolean closed;
    private volatile SipProvider provider;
    private volatile CallRelay calls; // null: no call routing, calls get 405
    private TlsListener tls; // null: UDP only
    private final java.util.concurrent.ConcurrentHashMap<String, LongAdder> receivedByTransport =
            new java.util.concurrent.ConcurrentHashMap<>();

    public EmbeddedRegistrar(RegistrarConfig config) {
        this(config, Ticker.system());
    }

    /** @param ticker drives nonce age and binding expiry; tests pass one they can move forward */
    public EmbeddedRegistrar(RegistrarConfig config, Ticker ticker) {
        this.config = config;
        this.bindings = new Bindings(ticker);
        this.scheduler = new ExecutorScheduler("registrar-" + config.name(),
                Math.min(config.capacity().workers(), Math.max(2, Runtime.getRuntime().availableProcessors() / 2)));
        this.capacity = new CapacityModel(config.capacity(), scheduler);
        Nonces nonces = new Nonces(ticker, config.nonceLifetime());
        this.responses = new Responses(new MessageFactoryImpl(), "sipdrill-" + config.name());
        this.registerHandler = new RegisterHandler(config, nonces, bindings, responses, headers, new AddressFactoryImpl());
    }

    /**
     * Routes calls as a POP (CALL-ROUTING.md) through {@code routing}'s PBX instances. Call before
     * {@link #start()}.
     */
    public void routeCalls(CallRouting routing) {
        this.calls = new CallRelay(config.address(), routing, bindings, headers, new AddressFactoryImpl(), responses);
    }

    /**
     * Also listens for SIP over TLS on {@code port} of the registrar's address, presenting the key
     * and chain in a PKCS12 {@code keyStore} (e.g. one a {@code TestCertificateAuthority} wrote).
     * Client certificates are not asked for: handsets authenticate with digest, as over UDP. Call
     * before {@link #start()}.
     */
    public synchronized void listenTls(int port, Path keyStore, String password) {
        if (stack != null) {
            throw new IllegalStateException("listenTls must be called before start()");
        }
        this.tls = new TlsListener(port, keyStore.toAbsolutePath(), password);
    }

    /**
     * Binds the UDP address (and TLS, if asked for) and starts answering. Not restartable after {@link #close()}.
     *
     * @throws IllegalStateException if the address is taken or the stack cannot start
     */
    public synchronized void start() {
        if (stack != null || closed) {
            throw new IllegalStateException(config.name() + " registrar already " + (closed ? "closed" : "started"));
        }
        String host = config.address().getAddress().getHostAddress();
        int port = config.address().getPort();
        // Checked first so the common failure needs no stack at all, and gets a plain message.
        ensureFree(host, port);
        RiStack s;
        try {
            s = RiStack.create(stackProperties());
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the SIP stack for " + config.name() + ": " + e.getMessage(), e);
        }
        // Before the listening point: each UDP channel takes its parser from the factory once. Every
        // transport listened on is answerable: without TLS here, each REGISTER over TLS was dropped as malformed.
        s.stack().setMessageParserFactory(new CountingParserFactory(s.stack().getMessageParserFactory(), malformed,
                tls == null ? Set.of(ListeningPoint.UDP) : Set.of(ListeningPoint.UDP, ListeningPoint.TLS)));
        SipProvider p = null;
        try {
            ListeningPoint lp = s.stack().createListeningPoint(host, port, ListeningPoint.UDP);
            p = s.stack().createSipProvider(lp);
            if (tls != null) {
                // One provider for both: a response leaves over the transport its request came in on.
                p.addListeningPoint(s.stack().createListeningPoint(host, tls.port(), ListeningPoint.TLS));
            }
            p.addSipListener(new Listener());
            s.stack().start();
            provider = p;
            stack = s;
            // Returns only once the stack answers: stopping the RI right after start() races its UDP thread.
            if (!OptionsProbe.answers(config.address(), SELF_CHECK_TIMEOUT, OptionsProbe.SELF_CHECK)) {
                throw new IllegalStateException(config.name() + " registrar on " + host + ":" + port
                        + " did not answer its self-check within " + SELF_CHECK_TIMEOUT.toSeconds() + " s");
            }
        } catch (IllegalStateException e) {
            close();
            throw e;
        } catch (Exception e) {
            s.stop(p);
            if (hasCause(e, BindException.class)) {
                throw inUse(host, port, e);
            }
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " for the " + config.name()
                    + " registrar: " + e.getMessage(), e);
        }
    }

    /** Stops the stack (its timer and event threads are not daemons) and the capacity model's threads. */
    @Override
    public synchronized void close() {
        closed = true;
        SipProvider p = provider;
        provider = null;
        if (stack != null) {
            stack.stop(p);
            stack = null;
        }
        scheduler.close();
    }

    public RegistrarConfig config() {
        return config;
    }

    public InetSocketAddress address() {
        return config.address();
    }

    /** The TLS address, or null when the registrar listens on UDP only. */
    public InetSocketAddress tlsAddress() {
        return tls == null ? null : new InetSocketAddress(config.address().getAddress(), tls.port());
    }

    public SipEndpoint endpoint() {
        return new SipEndpoint(config.name(), config.address(), config.realm());
    }

    public CapacityModel capacity() {
        return capacity;
    }

    /** Shorthand for {@code capacity().setCapacityFactor(f)}. */
    public void setCapacityFactor(double f) {
        capacity.setCapacityFactor(f);
    }

    public int registeredCount() {
        return bindings.registeredCount();
    }

    public boolean isRegistered(String user) {
        return bindings.isRegistered(user);
    }

    /** The contacts bound to {@code user} now, as URIs (a handset on TLS registers {@code …;transport=tls}). */
    public java.util.Set<String> contacts(String user) {
        return bindings.current(user).keySet();
    }

    /** Requests that arrived over {@code transport} ({@code UDP} or {@code TLS}), self-checks excluded. */
    public long requestsReceived(String transport) {
        LongAdder n = receivedByTransport.get(transport.toUpperCase(Locale.ROOT));
        return n == null ? 0 : n.sum();
    }

    /** Requests the stack delivered to us, including retransmissions. */
    public long requestsReceived() {
        return received.sum();
    }

    /** Responses sent. */
    public long requestsAnswered() {
        return answered.sum();
    }

    /**
     * Datagrams the stack rejected as malformed (see {@link CountingParserFactory} for what
     * counts); they never reach {@link #requestsReceived()}.
     */
    public long malformedMessages() {
        return malformed.sum();
    }

    /** Requests lost to the capacity model: queue full, or capacity 0. */
    public long requestsDropped() {
        return capacity.dropped();
    }

    /** REGISTERs that passed authentication and changed bindings (200 OK). */
    public long registrationsAccepted() {
        return registerHandler.accepted();
    }

    /** Server transactions the stack holds; stays near 0 because we answer statelessly. */
    public int stackServerTransactions() {
        RiStack s = stack;
        return s == null ? 0 : s.stack().getServerTransactionTableSize();
    }

    private void answer(Request request, InetSocketAddress source) {
        SipProvider p = provider;
        if (p == null) {
            return;
        }
        try {
            CallRelay relay = calls;
            Response response = relay != null && CALL_METHODS.contains(request.getMethod())
                    ? relay.forward(p, request, source) : respond(request);
            if (response != null) {
                // Counted before sending, so whoever reads the counter after the response arrives sees it.
                answered.increment();
                p.sendResponse(response);
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, () -> config.name() + " registrar could not answer "
                    + request.getMethod() + ": " + e, e);
        }
    }

    private Response respond(Request request) throws Exception {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        switch (method) {
            case Request.REGISTER:
                return registerHandler.handle(request);
            case Request.OPTIONS:
                return withAllow(responses.create(Response.OK, request, null));
            case Request.ACK:
                return null; // never answered
            default:
                return KNOWN_METHODS.contains(method)
                        ? withAllow(responses.create(Response.METHOD_NOT_ALLOWED, request, null))
                        : responses.create(Response.NOT_IMPLEMENTED, request, null);
        }
    }

    private static final java.util.Set<String> CALL_METHODS =
            java.util.Set.of(Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL);

    private void relay(Response response) {
        SipProvider p = provider;
        CallRelay relay = calls;
        if (p == null || relay == null) {
            return;
        }
        try {
            relay.relay(p, response);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, () -> config.name() + " could not relay a response: " + e, e);
        }
    }

    private static boolean isSelfCheck(Request request) {
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        return Request.OPTIONS.equals(request.getMethod()) && callId != null
                && callId.getCallId().startsWith(OptionsProbe.SELF_CHECK);
    }

    private void answerSelfCheck(Request request) {
        try {
            SipProvider p = provider;
            if (p != null) {
                p.sendResponse(responses.create(Response.OK, request, null));
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, () -> config.name() + " registrar could not answer its self-check: " + e, e);
        }
    }

    private Response withAllow(Response r) throws Exception {
        for (String m : ALLOWED) {
            r.addHeader(headers.createAllowHeader(m));
        }
        return r;
    }

    private Properties stackProperties() {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "sipdrill-" + config.name() + "-" + STACK_IDS.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        // Our own loggers, or the stack insists on log4j 1.2 at run time.
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", QuietStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", SilentServerLogger.class.getName());
        // Without a pool the stack starts a thread per received packet.
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "4096");
        if (tls != null) {
            // Read by the RI from its own properties, not the JVM's: two registrars may present different keys.
            p.setProperty("javax.net.ssl.keyStore", tls.keyStore().toString());
            p.setProperty("javax.net.ssl.keyStorePassword", tls.password());
            p.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
            p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", "5000");
            // The RI's defaults are TLS 1.0–1.2 with RSA-only suites; our keys are ECDSA and the JDK refuses TLS < 1.2.
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3, TLSv1.2");
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(", ", TLS_CIPHER_SUITES));
        }
        return p;
    }

    private static final java.util.List<String> TLS_CIPHER_SUITES = java.util.List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");

    /** Where and with which key the registrar listens for TLS. */
    private record TlsListener(int port, Path keyStore, String password) {
    }

    private void ensureFree(String host, int port) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(host, port))) {
            // Bound and released at once: only the bind matters.
        } catch (SocketException e) {
            throw inUse(host, port, e);
        }
    }

    private IllegalStateException inUse(String host, int port, Exception cause) {
        return new IllegalStateException(host + ":" + port + " is already in use (" + config.name() + " registrar)", cause);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c) || (c.getMessage() != null && c.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    /** Hands every request to the capacity model; the stack's threads never do the work themselves. */
    private final class Listener implements SipListener {
        @Override
        public void processRequest(RequestEvent event) {
            Request request = event.getRequest();
            if (isSelfCheck(request)) {
                answerSelfCheck(request);
                return;
            }
            received.increment();
            if (request instanceof gov.nist.javax.sip.message.SIPRequest m
                    && m.getMessageChannel() instanceof gov.nist.javax.sip.stack.MessageChannel channel) {
                receivedByTransport.computeIfAbsent(channel.getTransport().toUpperCase(Locale.ROOT),
                        t -> new LongAdder()).increment();
            }
            InetSocketAddress source = event instanceof gov.nist.javax.sip.RequestEventExt ext
                    ? new InetSocketAddress(ext.getRemoteIpAddress(), ext.getRemotePort()) : null;
            capacity.offer(() -> answer(request, source));
        }

        @Override
        public void processResponse(ResponseEvent event) {
            // Responses to calls we forwarded: they queue for the same workers as requests, so an
            // overloaded POP delays calls as it delays registrations.
            Response response = event.getResponse();
            capacity.offer(() -> relay(response));
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
        }
    }
}
