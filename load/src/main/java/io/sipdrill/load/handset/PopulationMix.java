package io.sipdrill.load.handset;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A population's failback behaviours by share, e.g. 70% registration, 25% duration (10 min), 5%
 * never. Handsets are assigned deterministically and spread evenly (not in blocks), so any prefix
 * of the population has roughly the same mix.
 */
public record PopulationMix(List<Share> shares) {

    /** One part of the population. {@code timeout} is used by {@link FailbackMode#DURATION} only (real time). */
    public record Share(double share, FailbackMode mode, Duration timeout) {
        public Share {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("share must be between 0 and 1: " + share);
            }
        }
    }

    public PopulationMix {
        shares = List.copyOf(shares);
        double sum = shares.stream().mapToDouble(Share::share).sum();
        if (shares.isEmpty() || Math.abs(sum - 1.0) > 1e-6) {
            throw new IllegalArgumentException("population shares must add up to 1 (they add up to " + sum + ")");
        }
    }

    /** The default: mostly well-behaved phones, a few that never come back. */
    public static PopulationMix defaultMix() {
        return new PopulationMix(List.of(
                new Share(0.70, FailbackMode.REGISTRATION, Duration.ZERO),
                new Share(0.25, FailbackMode.DURATION, Duration.ofMinutes(5)),
                new Share(0.05, FailbackMode.NEVER, Duration.ZERO)));
    }

    /**
     * The share handset {@code index} belongs to. Uses the golden-ratio sequence: its fractional
     * parts are evenly spread, so shares come out exact to within one handset at every size.
     */
    public Share shareFor(int index) {
        double u = (index * 0.6180339887498949) % 1.0;
        double cumulative = 0;
        for (Share s : shares) {
            cumulative += s.share();
            if (u < cumulative) {
                return s;
            }
        }
        return shares.get(shares.size() - 1);
    }

    /** How many of {@code handsets} fall into each share, in order (for the start-up summary). */
    public List<Integer> counts(int handsets) {
        List<Integer> counts = new ArrayList<>();
        for (Share s : shares) {
            counts.add(0);
        }
        for (int i = 0; i < handsets; i++) {
            int k = shares.indexOf(shareFor(i));
            counts.set(k, counts.get(k) + 1);
        }
        return counts;
    }
}
