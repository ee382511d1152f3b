package io.sipdrill.load.gatling;

import java.io.Serial;
import java.util.Optional;

/**
 * A mistake in a simulation's SIP configuration: a registrar or backup that is not
 * {@code HOST:PORT}, a host that does not resolve, a port out of range, a target outside
 * loopback that was not allowed with {@code .allowTarget("CIDR")}, a feeder file that does not
 * exist or a SIPp injection file with a bad line. The DSL throws it while the simulation is being
 * built, before anything is sent.
 *
 * <p>Made to be read by a person, in one line: the message starts with {@code "sipdrill: "} and
 * names the value, file or line at fault; there is no stack trace (it would only show the user's
 * own simulation constructor), and {@link #toString()} is the message alone, so a stack-trace
 * printer's {@code Caused by:} line reads {@code Caused by: sipdrill: …}.
 */
public final class SipConfigurationException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** What every message starts with. */
    public static final String PREFIX = "sipdrill: ";

    /** @param problem what is wrong, naming the value (e.g. {@code "registrar 'x' is not HOST:PORT"}) */
    public SipConfigurationException(String problem) {
        // IllegalArgumentException has no (message, cause, suppression, writableStackTrace)
        // constructor: fillInStackTrace() below keeps the trace empty instead.
        super(PREFIX + problem);
    }

    /**
     * The configuration mistake behind {@code failure}, if any: Gatling wraps what a simulation's
     * constructor throws (an {@code InvocationTargetException}), so a launcher that calls
     * {@code Gatling.fromArgs} unwraps it with this to print the one line.
     */
    public static Optional<SipConfigurationException> in(Throwable failure) {
        for (Throwable t = failure, previous = null; t != null && t != previous; previous = t, t = t.getCause()) {
            if (t instanceof SipConfigurationException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** No stack trace: the message says it all. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** The message alone ({@code "sipdrill: …"}), without the class name. */
    @Override
    public String toString() {
        return getMessage();
    }

    private static final java.util.concurrent.atomic.AtomicReference<SipConfigurationException> DEFERRED =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** Keeps a mistake found while the simulation is built (a feeder file) for the protocol to report at start. */
    static void defer(SipConfigurationException problem) {
        DEFERRED.compareAndSet(null, problem);
    }

    /** Takes the deferred mistake, if any (the protocol reports it when the run starts). */
    static SipConfigurationException takeDeferred() {
        return DEFERRED.getAndSet(null);
    }
}
