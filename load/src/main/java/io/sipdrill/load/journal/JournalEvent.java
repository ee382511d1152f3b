package io.sipdrill.load.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One line of {@code journal.jsonl}. {@code t} is drill time in milliseconds since the drill
 * started (scaled time: multiply by the drill's time scale for real-equivalent time). The
 * {@code ev} field names the record type.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "ev")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JournalEvent.DrillStarted.class, name = "drill"),
    @JsonSubTypes.Type(value = JournalEvent.Transaction.class, name = "tx"),
    @JsonSubTypes.Type(value = JournalEvent.Retransmission.class, name = "retransmit"),
    @JsonSubTypes.Type(value = JournalEvent.HandsetState.class, name = "state"),
    @JsonSubTypes.Type(value = JournalEvent.TimelineSample.class, name = "timeline"),
    @JsonSubTypes.Type(value = JournalEvent.FaultStep.class, name = "fault"),
    @JsonSubTypes.Type(value = JournalEvent.DrillEnded.class, name = "end"),
    @JsonSubTypes.Type(value = JournalEvent.CallEnded.class, name = "call"),
    @JsonSubTypes.Type(value = JournalEvent.DdiRoute.class, name = "ddi"),
    @JsonSubTypes.Type(value = JournalEvent.ActionStep.class, name = "step"),
    @JsonSubTypes.Type(value = JournalEvent.ProbeResult.class, name = "probe"),
    @JsonSubTypes.Type(value = JournalEvent.SteadyState.class, name = "steady_state"),
    @JsonSubTypes.Type(value = JournalEvent.MalformedInput.class, name = "malformed"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface JournalEvent {

    long t();

    /**
     * First line: what ran. {@code slo} maps an SLO name (e.g. {@code failover.t50_s}) to its bound
     * in real-equivalent units, so the report can judge from the journal alone.
     *
     * <p>The last five are null in journals written before sharding (and the shard fields in an
     * unsharded run's), so old journals read as before.
     *
     * @param handsets     handsets this process simulated (a shard's share of the population)
     * @param startedAtMs  wall-clock epoch ms when drill time started: merging shards aligns their clocks by it
     * @param shard        this journal's shard, 0-based ({@code --shard 1/4} is the second of four)
     * @param shards       how many shards the drill ran as
     * @param firstHandset the index of this shard's first handset (user 1000000 + index)
     * @param population   handsets of all shards together
     */
    record DrillStarted(long t, String drill, String env, int handsets,
                        @JsonProperty("time_scale") double timeScale,
                        String primary, String backup,
                        java.util.Map<String, Slo> slo,
                        @JsonProperty("started_at_ms") Long startedAtMs,
                        Integer shard, Integer shards,
                        @JsonProperty("first_handset") Integer firstHandset,
                        Integer population) implements JournalEvent {

        /** An unsharded drill's line, without a wall-clock start (fixtures, old callers). */
        public DrillStarted(long t, String drill, String env, int handsets, double timeScale, String primary,
                            String backup, java.util.Map<String, Slo> slo) {
            this(t, drill, env, handsets, timeScale, primary, backup, slo, null, null, null, null, null);
        }

        /** True when this journal is one shard of a drill run by several injectors. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean sharded() {
            return shard != null && shards != null;
        }
    }

    /** An SLO bound: at most one of min/max is usually set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Slo(Double min, Double max) {
    }

    /**
     * A finished client transaction. {@code purpose}: initial, refresh, retry, failover, failback.
     * {@code outcome}: ok (2xx), challenged (401/407), rejected (other final), timeout (Timer F), error
     * (could not send). {@code sent} counts the request's transmissions (1 + retransmissions);
     * {@code latencyMs} is wall-clock ms from first send to final response (null on timeout).
     */
    record Transaction(long t, int h, Pop pop, String method, String purpose, Integer code,
                       String outcome, @JsonProperty("latency_ms") Double latencyMs,
                       int sent) implements JournalEvent {
    }

    /** A request sent again by Timer E (or A). {@code n} is the transmission number (2 = first retransmission). */
    record Retransmission(long t, int h, Pop pop, String method, int n) implements JournalEvent {
    }

    /**
     * A handset's registration changed: {@code state} registered (on {@code pop}, valid for
     * {@code expiresS} drill seconds), or lost (its last registration expired, so it is nowhere).
     */
    record HandsetState(long t, int h, Pop pop, String state,
                        @JsonProperty("expires_s") Double expiresS,
                        String failback) implements JournalEvent {
    }

    /** A per-second count of handsets registered on the primary, the backup, or nowhere. */
    record TimelineSample(long t, int primary, int backup, int nowhere) implements JournalEvent {
    }

    /** A fault step: {@code action} start or end, with the fault's name and target. */
    record FaultStep(long t, String action, String name, String target, String detail) implements JournalEvent {
    }

    /** Last line: why the drill ended (completed, aborted, interrupted). */
    record DrillEnded(long t, String reason) implements JournalEvent {
    }

    /**
     * A finished call attempt, written by its caller (the carrier for inbound DDI calls, the
     * handset for outbound ones) when the call ends.
     *
     * @param h         the handset's index in the numbering plan (user − 1000000): the callee an
     *                  inbound DDI rings, or the caller of an outbound call; -1 when not one of ours
     * @param pop       the POP the INVITE went to (inbound: where DDI routing pointed)
     * @param dir       {@code in} (carrier → DDI → handset) or {@code out} (handset → carrier)
     * @param outcome   {@code answered} (2xx from a handset or the far end), {@code voicemail}
     *                  (answered by the voicemail fallback), {@code failed} (final error or
     *                  timeout), {@code cancelled} (the caller gave up before an answer)
     * @param code      the final status code; null on timeout or cancel
     * @param cause     why a failed call failed: {@code busy} (486), {@code unavailable} (480),
     *                  {@code not_found} (404), {@code timeout} (Timer B), {@code error}, or the code
     * @param setupMs   real ms from the first INVITE sent to the 2xx; null when not answered
     * @param pddMs     post-dial delay: real ms from the first INVITE to the first 180/183; null if none
     * @param talkMs    real ms from the 2xx to the BYE; null when not answered
     * @param sent      INVITE transmissions (1 + Timer A retransmissions)
     * @param retransmits every retransmission the call caused, INVITE, BYE and CANCEL together
     * @param rtpLossPct  RFC 3550 cumulative loss of the media the caller received, in percent
     * @param rtpJitterMs RFC 3550 interarrival jitter of that media, in ms
     * @param mos         ITU-T G.107 E-model MOS estimate for that media
     */
    record CallEnded(long t, int h, Pop pop, String dir, String outcome, Integer code, String cause,
                     @JsonProperty("setup_ms") Double setupMs, @JsonProperty("pdd_ms") Double pddMs,
                     @JsonProperty("talk_ms") Double talkMs, int sent, int retransmits,
                     @JsonProperty("rtp_loss_pct") Double rtpLossPct,
                     @JsonProperty("rtp_jitter_ms") Double rtpJitterMs,
                     Double mos) implements JournalEvent {
    }

    /** Inbound DDI routing switched to {@code to} (the incident's 11:45 and 12:05 steps). */
    record DdiRoute(long t, Pop to, String reason) implements JournalEvent {
    }

    /**
     * A drill step was played: {@code phase} {@code method} (a timed step) or {@code rollback};
     * {@code action} in the drill file's words ({@code restart registrar}, {@code ddi-route backup},
     * {@code cpu-squeeze pbx-1 5%}); {@code outcome} {@code ok} or {@code failed: <reason>}.
     * A fault's start and end are {@link FaultStep}s as well: analysis reads t0/tR from those.
     */
    record ActionStep(long t, String phase, String action, String outcome) implements JournalEvent {
    }

    /**
     * One probe of the steady-state hypothesis: {@code when} {@code before} (the gate) or
     * {@code after} the method; {@code value} in percent (null: not measured, which fails);
     * the tolerance's bounds; whether it held.
     */
    record ProbeResult(long t, String when, String probe, Double value, Double min, Double max,
                       boolean ok) implements JournalEvent {
    }

    /**
     * The hypothesis as a whole: {@code met} before the method (false: the gate failed and the
     * method did not run) or after it (false: the drill deviated).
     */
    record SteadyState(long t, String when, boolean met) implements JournalEvent {
    }

    /**
     * Malformed SIP messages each receiver counted where it arrived and dropped, so far: the
     * handsets' engine ({@code handsets}) and each server sipdrill runs in-JVM, by its name
     * ({@code registrar}, {@code backup}, {@code pbx-1}). Written at the end of a drill, just
     * before {@link DrillEnded}, when any receiver counts them; journals without it read as before.
     */
    record MalformedInput(long t, java.util.Map<String, Long> receivers) implements JournalEvent {
        public MalformedInput {
            receivers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(receivers));
        }

        /** All receivers together. */
        public long total() {
            return receivers.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Where a handset is registered, as the journal spells it. */
    enum Pop {
        @JsonProperty("primary") PRIMARY,
        @JsonProperty("backup") BACKUP,
        @JsonProperty("none") NONE
    }
}
