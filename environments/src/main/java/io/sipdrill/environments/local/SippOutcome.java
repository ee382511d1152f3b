package io.sipdrill.environments.local;

/** How a SIPp run ended, from its exit code (SIPp 3.6 {@code defines.h}). */
public enum SippOutcome {
    /** 0: every call of the scenario succeeded. */
    ALL_CALLS_SUCCEEDED,
    /** 1: at least one call failed. */
    SOME_CALLS_FAILED,
    /** 97: stopped by an internal command, or a global timeout with no successful call. */
    INTERNAL_COMMAND,
    /** 99: usage or scenario error (bad option, unparsable XML) — nothing was tested. */
    USAGE_ERROR,
    /** 254: could not bind its socket (address in use). */
    BIND_ERROR,
    /** 255: any other fatal error. */
    FATAL_ERROR,
    /** Ended by a signal it does not handle (e.g. SIGKILL after a failed stop). */
    KILLED,
    /** An exit code SIPp does not document. */
    UNKNOWN;

    static SippOutcome ofExitCode(int code) {
        return switch (code) {
            case 0 -> ALL_CALLS_SUCCEEDED;
            case 1 -> SOME_CALLS_FAILED;
            case 97 -> INTERNAL_COMMAND;
            case 99 -> USAGE_ERROR;
            case 254 -> BIND_ERROR;
            case 255 -> FATAL_ERROR;
            // The JDK reports death by signal N as 128 + N.
            default -> code > 128 && code < 160 ? KILLED : UNKNOWN;
        };
    }
}
