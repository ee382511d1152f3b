package io.sipdrill.chaos.drill;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.FaultTargets;
import io.sipdrill.chaos.fault.LinkFaults;

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
 */
public record DrillTarget(String env, InetSocketAddress primary, InetSocketAddress backup, String domain,
                          Optional<Fault> outage, FaultTargets faults, LinkFaults links) {

    /** A target whose only fault is its outage ({@code freeze registrar}) and which has no proxied links. */
    public DrillTarget(String env, InetSocketAddress primary, InetSocketAddress backup, String domain,
                       Optional<Fault> outage) {
        this(env, primary, backup, domain, outage, new OutageOnlyTargets(env, outage), new NoLinks(env));
    }
}
