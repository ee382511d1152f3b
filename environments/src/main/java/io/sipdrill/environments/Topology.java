package io.sipdrill.environments;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.FaultTargets;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A primary registrar and a backup POP that a drill runs against. {@code embedded} runs them in
 * this JVM, {@code local} as Kamailio processes, {@code docker} as Kamailio containers; a drill
 * runs unchanged on each.
 *
 * <pre>{@code
 * try (Topology topology = new EmbeddedTopology(config)) {
 *     topology.start();
 *     Endpoints endpoints = topology.endpoints();
 *     Fault outage = topology.registrarOutage();
 * }
 * }</pre>
 */
public interface Topology extends AutoCloseable {

    /** embedded, local, docker, external. */
    String name();

    /** Starts every server and returns once each answers SIP (health-checked). */
    void start() throws Exception;

    Endpoints endpoints();

    /** The fault that takes the primary registrar down (stops it answering) and brings it back. */
    Fault registrarOutage();

    /**
     * The hosts a drill can squeeze, freeze, kill and restart, by the names drill files use
     * ({@code registrar}, {@code backup}, {@code pbx-1}, …). Callable before {@link #start()}; the
     * faults look their server up when injected, and {@link #close()} reverts those still applied.
     * By default none: every request throws {@link UnsupportedOperationException} saying so.
     */
    default FaultTargets faults() {
        return new NoFaultTargets("the " + name() + " topology has no hosts sipdrill can act on");
    }

    /**
     * Adds the call side before {@link #start()}: PBX instances and voicemail beside each POP, and
     * call routing in the POPs. {@code voicemailMedia} gives the voicemail its RTP.
     *
     * @throws UnsupportedOperationException where this topology cannot route calls
     */
    default void enableCalls(CallRoles roles, io.sipdrill.load.sip.call.Media voicemailMedia) {
        throw new UnsupportedOperationException("the " + name() + " topology does not route calls");
    }

    /**
     * Before {@link #start()}: each POP also takes SIP over TLS on {@link HandsetTls#PORT} of its
     * own address, presenting a certificate {@code tls}'s CA issued for the addresses handsets
     * connect to (its own and {@link HandsetTls#alsoReachedAt}'s). The UDP listeners stay (health
     * checks, the carrier).
     *
     * @throws UnsupportedOperationException where this topology cannot give its POPs TLS listeners
     */
    default void enableTls(HandsetTls tls) {
        throw new UnsupportedOperationException("the " + name() + " topology does not take SIP over TLS yet"
                + " (use --env embedded or local)");
    }

    /**
     * The handsets' way to the POPs through a fault proxy this topology runs itself (after
     * {@link #start()}); empty when sipdrill should start its own in-JVM one ({@link ProxiedLinks}).
     */
    default Optional<HandsetLinks> handsetLinks() {
        return Optional.empty();
    }

    /** Copies server logs (if any) into the run's report folder. */
    default void collectLogs(Path reportDir) {
    }

    /** Stops everything; reverts any fault still applied. Never throws. */
    @Override
    void close();
}
