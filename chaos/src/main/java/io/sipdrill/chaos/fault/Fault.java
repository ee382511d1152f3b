package io.sipdrill.chaos.fault;

/**
 * A reversible fault on one target. {@link #inject()} applies it, {@link #revert()} undoes it;
 * {@code revert()} must be safe to call when the fault was never injected or was already reverted,
 * because the drill runner calls it from rollbacks and shutdown hooks whatever happened before.
 */
public interface Fault {

    /** A short name for reports, e.g. {@code registrar-outage}. */
    String name();

    /** What the fault acts on, e.g. {@code registrar}. */
    String target();

    /** Applies the fault. */
    void inject() throws Exception;

    /** Undoes the fault; idempotent. */
    void revert() throws Exception;

    /** A human-readable detail for the journal, e.g. {@code cgroup freezer} or {@code SIGSTOP}. */
    default String detail() {
        return "";
    }
}
