package io.sipdrill.load.handset;

import io.sipdrill.load.sip.auth.Credentials;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A population of handsets: how many, which user numbers, where they register and how they behave.
 * {@code profile} is in drill time; the mix's failback timeouts are real time and are divided by
 * {@code timeScale} here.
 *
 * @param firstIndex index of the first handset (a shard's offset); user = 1000000 + index
 */
public record FleetConfig(int handsets, int firstIndex, String domain, InetSocketAddress primary,
                          InetSocketAddress backup, Credentials credentials, HandsetProfile profile,
                          PopulationMix mix, double timeScale) {

    public FleetConfig {
        if (handsets < 1) {
            throw new IllegalArgumentException("handsets must be at least 1");
        }
    }

    public static String userFor(int index) {
        return Integer.toString(1_000_000 + index);
    }

    HandsetProfile profileFor(int index) {
        return profileFor(mix.shareFor(index));
    }

    /** The profile of every handset in {@code share}: one object per share, not per handset. */
    HandsetProfile profileFor(PopulationMix.Share share) {
        Duration timeout = Duration.ofNanos((long) (share.timeout().toNanos() / timeScale));
        return profile.withFailback(share.mode(), timeout);
    }
}
