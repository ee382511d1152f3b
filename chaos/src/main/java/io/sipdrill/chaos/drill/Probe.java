package io.sipdrill.chaos.drill;

import io.sipdrill.load.handset.Pop;

import java.util.Locale;

/**
 * A measurement of the running drill, in percent, for the steady-state hypothesis. Registration
 * probes read the live counts (share of all handsets); call probes read the calls that ended in
 * the probe's window (answered by a handset or by voicemail ÷ attempted, as the report counts
 * "answered %").
 */
public sealed interface Probe extends Activity {

    /** The drill file's spelling, e.g. {@code registered-on primary}. */
    String keyword();

    /** Share of handsets registered on {@code pop} right now. */
    record RegisteredOn(Pop pop) implements Probe {
        public String keyword() { return "registered-on " + pop.name().toLowerCase(Locale.ROOT); }
    }

    /** Share of handsets registered on either POP right now. */
    record RegisteredAnywhere() implements Probe {
        public String keyword() { return "registered-anywhere"; }
    }

    /** Answered share of inbound DDI calls that ended in the window. */
    record InboundCallSuccess() implements Probe {
        public String keyword() { return "inbound-call-success"; }
    }

    /** Answered share of outbound calls that ended in the window. */
    record OutboundCallSuccess() implements Probe {
        public String keyword() { return "outbound-call-success"; }
    }

    /** True for probes that need the drill's calls. */
    default boolean needsCalls() {
        return this instanceof InboundCallSuccess || this instanceof OutboundCallSuccess;
    }
}
