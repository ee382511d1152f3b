package io.sipdrill.chaos.drill;

import io.sipdrill.chaos.fault.Fault;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What the runner drills against: where the two POPs are, the SIP domain handsets register in,
 * and the outage fault (absent for an external target we may not touch).
 */
public record DrillTarget(String env, InetSocketAddress primary, InetSocketAddress backup, String domain,
                          Optional<Fault> outage) {
}
