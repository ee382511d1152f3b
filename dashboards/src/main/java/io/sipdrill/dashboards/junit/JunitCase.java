package io.sipdrill.dashboards.junit;

/**
 * One {@code <testcase>}: a CI server lists it under {@code className} by {@code name}; a null
 * {@code failure} means it passed.
 */
record JunitCase(String className, String name, Failure failure) {

    /**
     * A {@code <failure>}: {@code message} is the one line a CI server shows beside the test,
     * {@code text} the details it shows when opened; {@code type} sorts failures by kind.
     */
    record Failure(String type, String message, String text) {
    }

    boolean failed() {
        return failure != null;
    }
}
