package io.sipdrill.chaos.toxic;

/** A toxic whose effect starts with the link, not with the first chunk (e.g. a timeout's timer). */
public interface StatefulToxic extends Toxic {

    /** Called once when the toxic starts acting on a link (a new connection, or added to a live one). */
    void start(ToxicContext context);

    /** Called when the toxic is removed or the link closes: cancel timers. */
    void stop();
}
