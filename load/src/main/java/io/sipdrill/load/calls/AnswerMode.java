package io.sipdrill.load.calls;

/**
 * Who answers a handset's inbound calls. A protocol chooses one for all its handsets
 * ({@code sip.registrar(…).answering(AnswerMode.SCRIPTED)}); the default is {@link #AUTOMATIC}.
 */
public enum AnswerMode {

    /** The line rings and answers by itself after the ring time, as drills' handsets do. */
    AUTOMATIC,

    /**
     * The line rings (180) and waits: the scenario picks the call up with {@code awaitCall()} and
     * answers it with {@code answer()}; nothing is answered without a scenario step.
     */
    SCRIPTED
}
