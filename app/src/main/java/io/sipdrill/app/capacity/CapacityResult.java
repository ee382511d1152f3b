package io.sipdrill.app.capacity;

import java.util.List;
import java.util.Optional;

/**
 * What the search found. {@code highestSustainable} is the highest rate whose step held every SLO
 * (empty when none did); {@code firstBreaking} the lowest rate that broke one (empty when --max was
 * reached unbroken); {@code confirmed} says the highest sustainable rate held a second time.
 */
public record CapacityResult(Outcome outcome, Optional<Double> highestSustainable, Optional<Double> firstBreaking,
                             boolean confirmed, List<CapacityStep> steps) {

    public enum Outcome {
        /** A step broke an SLO and the breaking point was confirmed on the way down. */
        BROKE,
        /** Every step up to --max held: the registrar's breaking point is higher. */
        MAX_REACHED,
        /** Even the lowest rate tried broke an SLO: start lower. */
        NOTHING_SUSTAINED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public CapacityResult {
        steps = List.copyOf(steps);
    }

    /** The last step that ran at the highest sustainable rate and held: the evidence for it. */
    public Optional<CapacityStep> atHighest() {
        return highestSustainable.flatMap(rate -> steps.stream()
                .filter(s -> s.sustained() && s.targetRate() == rate).reduce((a, b) -> b));
    }

    /** One line for the console and the report. */
    public String verdict() {
        return switch (outcome) {
            case BROKE -> String.format(java.util.Locale.ROOT, "highest sustainable rate %.0f/s%s; breaks at %.0f/s",
                    highestSustainable.orElseThrow(), confirmed ? " (held twice)" : " (did not hold on the re-run)",
                    firstBreaking.orElseThrow());
            case MAX_REACHED -> String.format(java.util.Locale.ROOT,
                    "no breaking point up to --max: %.0f/s held; the registrar can take more", highestSustainable.orElseThrow());
            case NOTHING_SUSTAINED -> String.format(java.util.Locale.ROOT,
                    "no rate held: even %.0f/s broke an SLO; try a lower --start", firstBreaking.orElseThrow());
        };
    }
}
