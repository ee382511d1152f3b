package io.sipdrill.app;

import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.load.handset.HandsetProfile;
import io.sipdrill.chaos.drill.file.Units;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Hard upper bounds on the load one {@code run} offers, so a typo ({@code --handsets 1000000},
 * {@code --time-scale 3600} on a big population, {@code --time-scale 0.001}) cannot turn into an
 * unbounded flood or a run that never ends. Each has a sane default and a flag to raise it on
 * purpose; a plan above one is bad input (exit 2) naming the flag. Call rates are bounded by the
 * plan itself (at most 1,000 calls/s, only while the drill runs).
 *
 * <pre>{@code
 * LoadBounds.DEFAULTS.check(plan, handsetsHere); // throws BadInputException above a bound
 * }</pre>
 *
 * @param maxHandsets     handsets this process simulates (its shard's share when sharded)
 * @param maxRegisterRate REGISTER transactions per second the plan schedules at its peak, see {@link #peakRegisterRate}
 * @param maxRunTime      wall-clock length of the drill (its duration divided by the time scale)
 */
public record LoadBounds(int maxHandsets, double maxRegisterRate, Duration maxRunTime) {

    /** One JVM's design point (ARCHITECTURE.md: 100,000 handsets; shard beyond it). */
    public static final int DEFAULT_MAX_HANDSETS = 100_000;
    /** Above what the 100,000-handset bench ramps at (1,500/s) and below the embedded registrar's capacity (8,000/s). */
    public static final double DEFAULT_MAX_REGISTER_RATE = 5_000;
    /** A night. */
    public static final Duration DEFAULT_MAX_RUN_TIME = Duration.ofHours(24);

    public static final LoadBounds DEFAULTS = new LoadBounds(DEFAULT_MAX_HANDSETS, DEFAULT_MAX_REGISTER_RATE, DEFAULT_MAX_RUN_TIME);

    public LoadBounds {
        if (maxHandsets < 1 || !(maxRegisterRate > 0) || Double.isInfinite(maxRegisterRate)
                || maxRunTime.isNegative() || maxRunTime.isZero()) {
            throw new BadInputException("--max-handsets, --max-register-rate and --max-run-time must be positive and finite");
        }
    }

    /**
     * The highest REGISTER rate the plan schedules for {@code handsets}: the initial registrations
     * spread over the (scaled) ramp, or every handset refreshing at the earliest point of its
     * (scaled) interval, whichever is more. Retries are not in it: they are paced by Timer F or by
     * the registrar's own answers, not by the plan.
     */
    public static double peakRegisterRate(DrillPlan plan, int handsets) {
        double rampS = plan.scaled(plan.ramp()).toNanos() / 1e9;
        double initial = rampS > 0 ? handsets / rampS : Double.POSITIVE_INFINITY;
        HandsetProfile profile = plan.handsetProfile();
        double earliestRefreshS = profile.expires().toNanos() / 1e9 * profile.refreshMin();
        return Math.max(initial, handsets / earliestRefreshS);
    }

    /**
     * Checks the plan as this process plays it ({@code handsets}: its share of the population).
     *
     * @throws BadInputException naming the first bound it breaks and the flag that raises it
     */
    public void check(DrillPlan plan, int handsets) {
        if (handsets > maxHandsets) {
            throw new BadInputException(String.format(Locale.ROOT, "%d handsets in one process is above the limit of %d"
                    + " (one JVM's design point; shard beyond it with --shard); raise it with --max-handsets %d if you mean it",
                    handsets, maxHandsets, handsets));
        }
        // Scaled durations are truncated to whole nanoseconds, so rates come out a hair high (500 / 16.666666 ms): not a breach.
        double rate = peakRegisterRate(plan, handsets) * (1 - 1e-6);
        if (rate > maxRegisterRate) {
            String needed = Double.isInfinite(rate) ? "a larger value" : String.format(Locale.ROOT, "%.0f", Math.ceil(rate));
            throw new BadInputException(String.format(Locale.ROOT, "%s would send up to %s REGISTER/s (%d handsets, ramp %s"
                    + " and registrations of %s after time scale %s), above the limit of %.0f/s; lower --handsets or"
                    + " --time-scale, or raise it with --max-register-rate %s if you mean it",
                    plan.name(), Double.isInfinite(rate) ? "unbounded" : String.format(Locale.ROOT, "%.0f", rate), handsets,
                    seconds(plan.scaled(plan.ramp())), seconds(plan.handsetProfile().expires()), plain(plan.timeScale()),
                    maxRegisterRate, needed));
        }
        Duration runTime = plan.scaled(plan.duration());
        if (runTime.compareTo(maxRunTime) > 0) {
            throw new BadInputException(String.format(Locale.ROOT, "%s would run for %s (%s of drill at time scale %s), above"
                    + " the limit of %s; raise it with --max-run-time %s if you mean it", plan.name(), text(runTime),
                    text(plan.duration()), plain(plan.timeScale()), text(maxRunTime), text(upToMinute(runTime))));
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3g s", d.toNanos() / 1e9);
    }

    /** Whole seconds, as the flag reads them ({@code 25h30s}). */
    private static String text(Duration d) {
        return Units.format(d.truncatedTo(ChronoUnit.SECONDS));
    }

    private static Duration upToMinute(Duration d) {
        Duration whole = d.truncatedTo(ChronoUnit.MINUTES);
        return whole.equals(d) ? whole : whole.plusMinutes(1);
    }

    private static String plain(double x) {
        return x == Math.rint(x) ? String.format(Locale.ROOT, "%.0f", x) : Double.toString(x);
    }
}
