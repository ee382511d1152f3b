package io.sipdrill.chaos.toxic;

/** A toxic that can hold traffic. Removing or replacing it must not lose what it holds. */
public interface BufferingToxic extends Toxic {

    /** Forwards everything held, in order, right now, and cancels the toxic's timers. */
    void flush(ToxicContext context);

    /** Whether anything is held (an idle UDP session holding nothing may expire). */
    boolean holding();
}
