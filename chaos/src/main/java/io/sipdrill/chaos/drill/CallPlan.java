package io.sipdrill.chaos.drill;

import io.sipdrill.load.calls.CallTimes;
import io.sipdrill.load.handset.Pop;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The calls of a drill: inbound DDI calls from the carrier and outbound calls from random
 * registered handsets, each at a steady rate (real calls per second) between {@code from} and
 * {@code until} (real-equivalent drill times), plus the operators' DDI switches.
 *
 * @param carrier the carrier's address; POPs route DDI calls from it, so the topology is configured with it
 * @param rtp     answered calls exchange G.711 RTP (false: signalling only)
 */
public record CallPlan(double inboundPerSecond, double outboundPerSecond, CallTimes times, boolean rtp,
                       Duration from, Duration until, InetSocketAddress carrier, List<DdiSwitch> ddiSwitches) {

    /** The architecture's carrier address (CALL-ROUTING.md). */
    public static final InetSocketAddress DEFAULT_CARRIER = new InetSocketAddress("127.0.4.1", 5060);

    /** Inbound DDIs switch to {@code to} at real-equivalent drill time {@code at}. */
    public record DdiSwitch(Duration at, Pop to) {
    }

    public CallPlan {
        if (inboundPerSecond < 0 || outboundPerSecond < 0 || inboundPerSecond + outboundPerSecond > 1000) {
            throw new IllegalArgumentException("call rates must be between 0 and 1000 per second");
        }
        if (until.compareTo(from) < 0) {
            throw new IllegalArgumentException("calls must stop after they start");
        }
        ddiSwitches = List.copyOf(ddiSwitches);
    }

    public CallPlan withDdiSwitches(List<DdiSwitch> switches) {
        return new CallPlan(inboundPerSecond, outboundPerSecond, times, rtp, from, until, carrier, switches);
    }

    public CallPlan withRtp(boolean on) {
        return new CallPlan(inboundPerSecond, outboundPerSecond, times, on, from, until, carrier, ddiSwitches);
    }

    public CallPlan withCarrier(InetSocketAddress address) {
        return new CallPlan(inboundPerSecond, outboundPerSecond, times, rtp, from, until, address, ddiSwitches);
    }
}
