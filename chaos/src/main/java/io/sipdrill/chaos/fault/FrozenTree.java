package io.sipdrill.chaos.fault;

import java.io.IOException;
import java.util.List;

/** A process tree a {@link ProcessFreezer} has frozen; {@link #thaw()} lets it run again. */
public interface FrozenTree {

    /** The pids that were frozen, root first. */
    List<Long> pids();

    /** Resumes every frozen process; idempotent. */
    void thaw() throws IOException, InterruptedException;
}
