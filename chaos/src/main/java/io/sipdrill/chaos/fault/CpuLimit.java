package io.sipdrill.chaos.fault;

/**
 * A CFS bandwidth limit: the group may run {@code quotaMicros} of CPU time in every
 * {@code periodMicros} of wall time, i.e. {@code quota} of one core.
 *
 * <p>The kernel refuses a quota under 1 ms, so a small share gets a longer period rather than a
 * rounded-up quota: 0.5% is 1 ms per 200 ms, not 1 ms per 100 ms (which would be 1%).
 *
 * @param quota        the share of one core asked for (0 < quota ≤ 1)
 * @param periodMicros {@code cpu.cfs_period_us} (v1), the second field of {@code cpu.max} (v2)
 * @param quotaMicros  {@code cpu.cfs_quota_us} (v1), the first field of {@code cpu.max} (v2)
 */
public record CpuLimit(double quota, long periodMicros, long quotaMicros) {

    /** The kernel's default period, used whenever the quota allows it. */
    static final long DEFAULT_PERIOD_MICROS = 100_000;
    /** Kernel bounds: quota ≥ 1 ms, 1 ms ≤ period ≤ 1 s. */
    static final long MIN_QUOTA_MICROS = 1_000;
    static final long MAX_PERIOD_MICROS = 1_000_000;
    /** The smallest share the bounds allow: 1 ms per 1 s. */
    public static final double MIN_QUOTA = (double) MIN_QUOTA_MICROS / MAX_PERIOD_MICROS;

    /**
     * The limit for {@code quota} of one core.
     *
     * @throws IllegalArgumentException outside [{@value #MIN_QUOTA}, 1]
     */
    public static CpuLimit of(double quota) {
        if (Double.isNaN(quota) || quota < MIN_QUOTA || quota > 1) {
            throw new IllegalArgumentException("cpu quota must be between " + MIN_QUOTA * 100 + "% and 100% of a core, got "
                    + quota * 100 + "%");
        }
        long period = DEFAULT_PERIOD_MICROS;
        if (Math.round(quota * period) < MIN_QUOTA_MICROS) {
            period = Math.min(MAX_PERIOD_MICROS, (long) Math.ceil(MIN_QUOTA_MICROS / quota));
        }
        long quotaMicros = Math.max(MIN_QUOTA_MICROS, Math.round(quota * period));
        return new CpuLimit(quota, period, quotaMicros);
    }

    /** The value of cgroup v2's {@code cpu.max}: {@code "2000 100000"}. */
    public String cpuMax() {
        return quotaMicros + " " + periodMicros;
    }

    /** {@code 2% (2000/100000 us)}, for the journal. */
    public String describe() {
        double percent = quota * 100;
        String share = percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
        return share + "% (" + quotaMicros + "/" + periodMicros + " us)";
    }
}
