package io.sipdrill.load.gatling;

/**
 * What a run's start does with configuration mistakes: the protocol carries the first one and
 * throws it when Gatling starts it; an unreadable feeder file is reported the same way.
 */
final class StartOf {

    private StartOf() {
    }

    /** Throws the mistake {@code builder}'s protocol would throw when a run starts it. */
    static void start(SipProtocolBuilder builder) {
        builder.protocol().problem().ifPresent(p -> {
            throw p;
        });
    }

    /** Runs a feeder definition and throws the mistake it left for the run's start. */
    static void feed(Runnable feederDefinition) {
        SipConfigurationException.takeDeferred();
        feederDefinition.run();
        SipConfigurationException deferred = SipConfigurationException.takeDeferred();
        if (deferred != null) {
            throw deferred;
        }
    }
}
