package io.sipdrill.chaos.drill;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.FaultTargets;
import io.sipdrill.chaos.fault.LinkFaults;

import io.sipdrill.load.tls.TlsTrust;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What the runner drills against: where the two POPs are, the SIP domain handsets register in, the
 * outage fault (absent for an external target we may not touch), and the hosts and links a drill's
 * steps act on.
 *
 * @param faults the topology's hosts by name; {@link OutageOnlyTargets} where the topology does not
 *               provide {@link FaultTargets} yet (only {@code freeze registrar}, the outage)
 * @param links  the fault-proxy links; {@link NoLinks} where the topology routes nothing through the proxy
 * @param handsetPrimary where the handsets send to reach the primary: {@code primary} itself, or the
 *               fault proxy's listener for the {@code handsets->registrar} link
 * @param handsetBackup  likewise for the backup POP
 * @param handsetTrust   the CAs handsets verify the POPs' certificates against when they register over
 *                       TLS ({@code handsetPrimary}/{@code handsetBackup} are then TLS listeners); null: UDP
 */
public record DrillTarget(String env, InetSocketAddress primary, InetSocketAddress backup, String domain,
                          Optional<Fault> outage, FaultTargets faults, LinkFaults links,
                          InetSocketAddress handsetPrimary, InetSocketAddress handsetBackup, TlsTrust handsetTrust) {

    /** Handsets that reach the POPs at these addresses over UDP. */
    public DrillTarget(String env, InetSocketAddress primary, InetSocketAddress backup, String domain,
                       Optional<Fault> outage, FaultTargets faults, LinkFaults links,
                       InetSocketAddress handsetPrimary, InetSocketAddress handsetBackup) {
        this(env, primary, backup, domain, outage, faults, links, handsetPrimary, handsetBackup, null);
    }

    /** Handsets that reach the POPs directly. */
    public DrillTarget(String env, InetSocketAddress primary, InetSocketAddress backup, String domain,
                       Optional<Fault> outage, FaultTargets faults, LinkFaults links) {
        this(env, primary, backup, domain, outage, faults, links, primary, backup);
    }

    /** The same target with the handsets reaching the POPs through {@code links} at these addresses. */
    public DrillTarget withHandsetsVia(LinkFaults proxied, InetSocketAddress toPrimary, InetSocketAddress toBackup) {
        return new DrillTarget(env, primary, backup, domain, outage, faults, proxied, toPrimary, toBackup, handsetTrust);
    }

    /**
     * The same target with the handsets registering over TLS: to these TLS listeners (the POPs' own,
     * or the fault proxy's in front of them), verifying the certificates against {@code trust}.
     */
    public DrillTarget withHandsetsOverTls(TlsTrust trust, InetSocketAddress toPrimary, InetSocketAddress toBackup) {
        return new DrillTarget(env, primary, backup, domain, outage, faults, links, toPrimary, toBackup,
                java.util.Objects.requireNonNull(trust, "trust"));
    }

    /** True when the handsets register over TLS. */
    public boolean handsetsOverTls() {
        return handsetTrust != null;
    }

    /** True when the handsets go through the fault proxy (so the carrier must be told the POPs' own addresses). */
    public boolean handsetsProxied() {
        return !handsetPrimary.equals(primary) || !handsetBackup.equals(backup);
    }

    /** A target whose only fault is its outage ({@code freeze registrar}) and which has no proxied links. */
    public DrillTarget(String env, InetSocketAddress primary, InetSocketAddress backup, String domain,
                       Optional<Fault> outage) {
        this(env, primary, backup, domain, outage, new OutageOnlyTargets(env, outage), new NoLinks(env));
    }
}
