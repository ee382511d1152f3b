package io.sipdrill.app;

/** Input the user must fix; the CLI prints its message as one line and exits 2. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
