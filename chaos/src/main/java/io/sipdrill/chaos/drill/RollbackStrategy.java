package io.sipdrill.chaos.drill;

import java.util.Locale;

/**
 * When the drill's rollback actions run (Chaos Toolkit's strategies). Whatever the strategy, every
 * fault the drill injected and has not reverted is reverted at the end: the topology is ours and a
 * frozen or squeezed server must never outlive the drill.
 */
public enum RollbackStrategy {
    /** Whenever the method started, however the drill ended (completed, failed, interrupted). */
    DEFAULT,
    /** Always, also after a failed steady-state gate. */
    ALWAYS,
    /** Never. */
    NEVER,
    /** Only when the hypothesis after the method deviated, or could not be checked (the drill was cut short). */
    DEVIATED;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
