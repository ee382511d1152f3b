package io.sipdrill.environments.embedded.pbx;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One PBX instance: where it listens, the POP it sends extensions through (for their location),
 * its voicemail, the carrier for external numbers, and how long a call may ring before voicemail.
 */
public record PbxConfig(String name, InetSocketAddress address, InetSocketAddress pop, InetSocketAddress voicemail,
                        InetSocketAddress carrier, Duration noAnswer) {

    public static final Duration DEFAULT_NO_ANSWER = Duration.ofSeconds(20);
}
