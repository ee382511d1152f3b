package io.sipdrill.dashboards.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a drill's real-equivalent duration into equal time buckets for the report's charts. The
 * width is a round number of seconds (1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, then hours)
 * so a reader can say "per 10 s", and the smallest that keeps a chart at or under
 * {@link #MAX_BUCKETS} points: a long drill gets about 100–240 points, enough to see a failover
 * and few enough to keep the file small. Never below one second: a shorter drill simply has
 * fewer points, since sub-second rates of a handful of events only draw noise.
 *
 * <pre>{@code
 * Buckets b = Buckets.covering(1800);   // a 30-minute drill: 180 buckets of 10 s
 * int i = b.indexOf(630.0);             // 63
 * }</pre>
 */
public record Buckets(double widthS, int count, double durationS) {

    public static final int MAX_BUCKETS = 240;

    private static final double[] ROUND_WIDTHS_S = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};

    public Buckets {
        if (!(widthS > 0) || count < 1) {
            throw new IllegalArgumentException("buckets need a positive width and at least one bucket");
        }
    }

    /** Buckets covering {@code [0, durationS]}; a drill with no duration still gets one bucket. */
    public static Buckets covering(double durationS) {
        double duration = durationS > 0 && !Double.isInfinite(durationS) ? durationS : 0;
        double width = widthFor(duration);
        int count = Math.max(1, (int) Math.ceil(duration / width - 1e-9));
        return new Buckets(width, count, duration);
    }

    private static double widthFor(double durationS) {
        for (double w : ROUND_WIDTHS_S) {
            if (durationS / w <= MAX_BUCKETS) {
                return w;
            }
        }
        // Beyond 240 hours: whole hours, still at most MAX_BUCKETS of them.
        return 3600 * Math.ceil(durationS / 3600 / MAX_BUCKETS);
    }

    /**
     * The bucket an instant falls in. Instants before 0 or at/after the end (the end line itself,
     * a straggler written after it) go to the first or last bucket rather than being dropped.
     */
    public int indexOf(double realS) {
        int i = (int) Math.floor(realS / widthS);
        return Math.max(0, Math.min(count - 1, i));
    }

    /** How long bucket {@code i} really is: the last one may be cut short by the drill's end. */
    public double spanS(int i) {
        double start = i * widthS;
        double end = i == count - 1 ? Math.min(start + widthS, durationS) : start + widthS;
        return end > start ? end - start : widthS;
    }

    /** The middle of each bucket in real-equivalent minutes: where a bucket's value is plotted. */
    public List<Double> centresMin() {
        List<Double> x = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double start = i * widthS;
            x.add(Rounding.round((start + spanS(i) / 2) / 60, 4));
        }
        return x;
    }
}
