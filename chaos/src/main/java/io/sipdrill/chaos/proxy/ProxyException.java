package io.sipdrill.chaos.proxy;

/**
 * What can go wrong when changing the proxy, by kind; the HTTP API maps each kind to one status
 * (in one place), the in-process {@code LinkFaults} to an {@link IllegalArgumentException}.
 */
public abstract sealed class ProxyException extends RuntimeException
        permits ProxyException.NotFound, ProxyException.AlreadyExists, ProxyException.InvalidRequest,
        ProxyException.ListenFailed {

    ProxyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No route or toxic by that name. */
    public static final class NotFound extends ProxyException {
        public NotFound(String message) {
            super(message, null);
        }
    }

    /** A route or toxic by that name exists already. */
    public static final class AlreadyExists extends ProxyException {
        public AlreadyExists(String message) {
            super(message, null);
        }
    }

    /** A missing field, bad value, unknown toxic type, or a toxic the route's protocol cannot carry. */
    public static final class InvalidRequest extends ProxyException {
        public InvalidRequest(String message) {
            super(message, null);
        }
    }

    /** The route's listen address could not be bound (in use, not local). */
    public static final class ListenFailed extends ProxyException {
        public ListenFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
