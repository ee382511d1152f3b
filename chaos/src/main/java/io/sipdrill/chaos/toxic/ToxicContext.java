package io.sipdrill.chaos.toxic;

import io.sipdrill.load.time.Scheduler;

import java.util.random.RandomGenerator;

/**
 * What a toxic may do with the traffic it is handed. One context per toxic per connection (TCP) or
 * per peer session (UDP); every call happens on the route's event loop thread, so a toxic needs no
 * locks.
 */
public interface ToxicContext {

    /** The clock and timers a toxic must use (never {@code System.nanoTime()} or sleeps). */
    Scheduler scheduler();

    RandomGenerator random();

    Transport transport();

    /** Passes a chunk to the next toxic (or the socket, after the last one). */
    void forward(Chunk chunk);

    /** Discards a chunk on purpose; counted in the route's metrics against this toxic. */
    void drop(Chunk chunk);

    /**
     * Ends the connection: TCP closes it once what was already forwarded is written; UDP ends the
     * peer's session (its upstream socket closes; the peer's next datagram starts a new one).
     */
    void close();

    /** TCP: closes both sides with a reset (RST, {@code SO_LINGER 0}). UDP: like {@link #close()}. */
    void reset();
}
