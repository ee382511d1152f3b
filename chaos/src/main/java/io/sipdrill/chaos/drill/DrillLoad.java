package io.sipdrill.chaos.drill;

import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.time.DrillClock;

/**
 * What makes the handsets of a drill: started with the plan, read once a second for the timeline
 * and the progress line, stopped at the end. The runner does not care how the handsets are driven.
 */
public interface DrillLoad extends AutoCloseable {

    /** Live numbers, read by the runner's thread while the handsets run on theirs. */
    record LiveCounts(int primary, int backup, int nowhere, long transactions, long retransmissions, long timeouts) {
        public static final LiveCounts NONE = new LiveCounts(0, 0, 0, 0, 0, 0);
    }

    /**
     * Gets everything ready (this may take seconds: Gatling boots) and returns once the handsets
     * can start at once. {@code clock} is not started yet; events go to {@code journal} stamped by it.
     */
    void prepare(DrillPlan plan, DrillTarget target, Journal journal, DrillClock clock) throws Exception;

    /**
     * As {@link #prepare(DrillPlan, DrillTarget, Journal, DrillClock)} for a shard: {@code plan}
     * holds this shard's handset count, numbered from {@code handsets.first()}. A load that cannot
     * number its handsets from an offset runs the whole population only.
     */
    default void prepare(DrillPlan plan, io.sipdrill.chaos.drill.shard.HandsetRange handsets, DrillTarget target,
                         Journal journal, DrillClock clock) throws Exception {
        if (handsets.first() != 0) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot run a shard of handsets");
        }
        prepare(plan, target, journal, clock);
    }

    /** The drill clock has just started: the handsets begin registering now (over the plan's ramp). */
    void begin();

    /** The counts now ({@link LiveCounts#NONE} before the handsets exist). */
    LiveCounts counts();

    /** Inbound DDI routing, when the load has a carrier (empty before it started or without calls). */
    default java.util.Optional<io.sipdrill.load.calls.DdiRouting> ddi() {
        return java.util.Optional.empty();
    }

    /**
     * Malformed SIP messages the handsets received and dropped, by receiver (the handsets' engine
     * is {@code handsets}); empty when this load does not count them.
     */
    default java.util.Map<String, Long> malformedMessages() {
        return java.util.Map.of();
    }

    /** Stops every handset and waits until nothing more is written to the journal. */
    void stop() throws Exception;

    /** Releases what {@link #start} took, whether or not {@link #stop} ran. Never throws. */
    @Override
    void close();
}
