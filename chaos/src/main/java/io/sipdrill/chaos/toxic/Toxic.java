package io.sipdrill.chaos.toxic;

/**
 * A toxic acting on one direction of one connection (TCP) or one peer session (UDP). Each link gets
 * its own instance from {@link ToxicType#create}, so a toxic may keep state in fields.
 *
 * <p>Richer behaviour is opt-in: {@link StatefulToxic} for a timer that starts with the link,
 * {@link BufferingToxic} for a toxic that holds traffic (which must hand it on when the toxic is
 * removed: a removed toxic never drops data it holds).
 */
@FunctionalInterface
public interface Toxic {

    /** Handles one chunk: forward it now, later, in pieces, or drop it. */
    void onChunk(Chunk chunk, ToxicContext context);
}
