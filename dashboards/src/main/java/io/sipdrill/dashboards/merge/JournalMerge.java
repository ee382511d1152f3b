package io.sipdrill.dashboards.merge;

import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.CallEnded;
import io.sipdrill.load.journal.JournalEvent.DrillEnded;
import io.sipdrill.load.journal.JournalEvent.DrillStarted;
import io.sipdrill.load.journal.JournalEvent.HandsetState;
import io.sipdrill.load.journal.JournalEvent.Retransmission;
import io.sipdrill.load.journal.JournalEvent.TimelineSample;
import io.sipdrill.load.journal.JournalEvent.Transaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The journals of a sharded drill ({@code sipdrill run --shard I/N} on N injectors) as one
 * journal, which the report then reads like any other.
 *
 * <p>They must be the N shards of one drill: the same drill name, time scale, shard count and
 * population, every shard 0 … N−1 exactly once, and handset ranges that neither overlap nor leave
 * a gap. Anything else is a {@link JournalMismatchException} naming the file and what differs.
 *
 * <p>Clocks: each shard's t = 0 is its own drill start, and the injectors started apart (pods are
 * scheduled seconds apart). Each journal's drill line carries the wall-clock epoch of its start
 * ({@code started_at_ms}); the earliest start is the merged t = 0 and every later shard's events
 * are shifted by the difference. That is as good as the injectors' clock sync (NTP: a few ms).
 *
 * <p>What merges how: handset events (transactions, retransmissions, state changes, calls) are a
 * union, shifted; the per-second timeline is summed across shards by second (each shard's latest
 * sample at or before that second, so a shard that ended or skipped a second still counts); fault
 * steps, action steps and steady-state probes are taken from shard 0 only (shards play no faults,
 * see {@code ShardRules}; a probe reads its own shard's handsets, so shard 0's stands for the
 * drill); malformed-message counts are summed receiver by receiver into one line; the end line is
 * the last shard's, its reason the shards' common one or all of them.
 *
 * <pre>{@code
 * List<JournalEvent> drill = JournalMerge.merge(List.of(ShardJournal.of(p0, readAll(p0)), ShardJournal.of(p1, readAll(p1))));
 * }</pre>
 */
public final class JournalMerge {

    private JournalMerge() {
    }

    /** @throws JournalMismatchException when the journals are not the shards of one drill */
    public static List<JournalEvent> merge(List<ShardJournal> shards) {
        if (shards.size() == 1) {
            // One journal is its own report, a shard's too (its slice: the run's own report after it ends).
            return shards.get(0).events();
        }
        List<ShardJournal> ordered = checked(shards);
        long zero = ordered.stream().mapToLong(s -> s.start().startedAtMs()).min().orElseThrow();
        List<JournalEvent> out = new ArrayList<>();
        DrillStarted first = ordered.get(0).start();
        out.add(new DrillStarted(0, first.drill(), first.env(), first.population(), first.timeScale(), first.primary(),
                first.backup(), first.slo(), zero, null, first.shards(), null, first.population()));
        List<List<TimelineSample>> timelines = new ArrayList<>();
        List<DrillEnded> ends = new ArrayList<>();
        List<JournalEvent.MalformedInput> malformed = new ArrayList<>();
        for (ShardJournal s : ordered) {
            long shift = s.start().startedAtMs() - zero;
            boolean coordinator = s.start().shard() == 0;
            List<TimelineSample> samples = new ArrayList<>();
            for (JournalEvent e : s.events()) {
                if (e instanceof TimelineSample t) {
                    samples.add(new TimelineSample(t.t() + shift, t.primary(), t.backup(), t.nowhere()));
                } else if (e instanceof DrillEnded d) {
                    ends.add(new DrillEnded(d.t() + shift, d.reason()));
                } else if (e instanceof JournalEvent.MalformedInput m) {
                    malformed.add(new JournalEvent.MalformedInput(m.t() + shift, m.receivers()));
                } else if (isHandsetEvent(e) || coordinator && !(e instanceof DrillStarted)) {
                    out.add(shifted(e, shift));
                }
            }
            timelines.add(samples);
        }
        out.addAll(TimelineSum.bySecond(timelines));
        if (!malformed.isEmpty()) {
            out.add(summed(malformed));
        }
        if (!ends.isEmpty()) {
            out.add(lastEnd(ends, ordered.size()));
        }
        out.sort(Comparator.comparingLong(JournalEvent::t)); // stable: the drill line stays first at t = 0
        return out;
    }

    private static List<ShardJournal> checked(List<ShardJournal> shards) {
        for (ShardJournal s : shards) {
            DrillStarted d = s.start();
            if (!d.sharded() || d.firstHandset() == null || d.population() == null) {
                throw new JournalMismatchException(s.file(), "not a shard's journal (its drill line has no shard, shards,"
                        + " first_handset, population: written by sipdrill run without --shard, or by an older sipdrill)");
            }
            if (d.startedAtMs() == null) {
                throw new JournalMismatchException(s.file(), "its drill line has no started_at_ms: its clock cannot be aligned");
            }
        }
        DrillStarted ref = shards.get(0).start();
        ShardJournal refJournal = shards.get(0);
        for (ShardJournal s : shards.subList(1, shards.size())) {
            DrillStarted d = s.start();
            differs(s, "drill", ref.drill(), d.drill(), refJournal);
            differs(s, "time_scale", ref.timeScale(), d.timeScale(), refJournal);
            differs(s, "shards", ref.shards(), d.shards(), refJournal);
            differs(s, "population", ref.population(), d.population(), refJournal);
        }
        List<ShardJournal> ordered = new ArrayList<>(shards);
        ordered.sort(Comparator.comparingInt(s -> s.start().shard()));
        for (int i = 1; i < ordered.size(); i++) {
            if (ordered.get(i).start().shard().equals(ordered.get(i - 1).start().shard())) {
                throw new JournalMismatchException(ordered.get(i).file(), "shard " + ordered.get(i).start().shard()
                        + " again (also " + ordered.get(i - 1).file() + ")");
            }
        }
        TreeSet<Integer> missing = new TreeSet<>();
        for (int i = 0; i < ref.shards(); i++) {
            missing.add(i);
        }
        ordered.forEach(s -> missing.remove(s.start().shard()));
        if (!missing.isEmpty()) {
            throw new JournalMismatchException(ordered.get(0).file(), "the drill ran as " + ref.shards()
                    + " shards; missing shard(s) " + missing + " (merge all of them: the counts would be short otherwise)");
        }
        int next = 0;
        for (ShardJournal s : ordered) {
            DrillStarted d = s.start();
            if (d.firstHandset() != next) {
                throw new JournalMismatchException(s.file(), "shard " + d.shard() + " starts at handset " + d.firstHandset()
                        + ", expected " + next + (d.firstHandset() < next ? " (overlaps the shard before)" : " (a gap after the shard before)"));
            }
            next = d.firstHandset() + d.handsets();
        }
        if (next != ref.population()) {
            throw new JournalMismatchException(ordered.get(ordered.size() - 1).file(), "the shards' handsets end at " + next
                    + ", not at the population of " + ref.population());
        }
        return ordered;
    }

    private static void differs(ShardJournal s, String field, Object expected, Object actual, ShardJournal ref) {
        if (!Objects.equals(expected, actual)) {
            throw new JournalMismatchException(s.file(), field + " is " + actual + ", but " + expected + " in "
                    + ref.file() + ": not shards of the same drill");
        }
    }

    private static boolean isHandsetEvent(JournalEvent e) {
        return e instanceof Transaction || e instanceof Retransmission || e instanceof HandsetState || e instanceof CallEnded;
    }

    /**
     * One line for all shards: each shard counted what its own process received, so the counts
     * add up receiver by receiver; stamped at the latest shard's line.
     */
    private static JournalEvent.MalformedInput summed(List<JournalEvent.MalformedInput> lines) {
        java.util.Map<String, Long> sum = new java.util.LinkedHashMap<>();
        long t = 0;
        for (JournalEvent.MalformedInput m : lines) {
            m.receivers().forEach((receiver, n) -> sum.merge(receiver, n, Long::sum));
            t = Math.max(t, m.t());
        }
        return new JournalEvent.MalformedInput(t, sum);
    }

    private static DrillEnded lastEnd(List<DrillEnded> ends, int shards) {
        DrillEnded last = ends.stream().max(Comparator.comparingLong(DrillEnded::t)).orElseThrow();
        List<String> reasons = ends.stream().map(DrillEnded::reason).distinct().toList();
        String reason = reasons.size() == 1 && ends.size() == shards ? reasons.get(0)
                : String.join("; ", reasons) + (ends.size() < shards ? "; " + (shards - ends.size()) + " shard(s) cut off" : "");
        return new DrillEnded(last.t(), reason);
    }

    /** The same event {@code shift} ms later (records are immutable: a copy for each type the merge passes on). */
    static JournalEvent shifted(JournalEvent e, long shift) {
        if (shift == 0) {
            return e;
        }
        if (e instanceof Transaction x) {
            return new Transaction(x.t() + shift, x.h(), x.pop(), x.method(), x.purpose(), x.code(), x.outcome(), x.latencyMs(), x.sent());
        } else if (e instanceof Retransmission x) {
            return new Retransmission(x.t() + shift, x.h(), x.pop(), x.method(), x.n());
        } else if (e instanceof HandsetState x) {
            return new HandsetState(x.t() + shift, x.h(), x.pop(), x.state(), x.expiresS(), x.failback());
        } else if (e instanceof CallEnded x) {
            return new CallEnded(x.t() + shift, x.h(), x.pop(), x.dir(), x.outcome(), x.code(), x.cause(), x.setupMs(),
                    x.pddMs(), x.talkMs(), x.sent(), x.retransmits(), x.rtpLossPct(), x.rtpJitterMs(), x.mos());
        } else if (e instanceof JournalEvent.FaultStep x) {
            return new JournalEvent.FaultStep(x.t() + shift, x.action(), x.name(), x.target(), x.detail());
        } else if (e instanceof JournalEvent.DdiRoute x) {
            return new JournalEvent.DdiRoute(x.t() + shift, x.to(), x.reason());
        } else if (e instanceof JournalEvent.ActionStep x) {
            return new JournalEvent.ActionStep(x.t() + shift, x.phase(), x.action(), x.outcome());
        } else if (e instanceof JournalEvent.ProbeResult x) {
            return new JournalEvent.ProbeResult(x.t() + shift, x.when(), x.probe(), x.value(), x.min(), x.max(), x.ok());
        } else if (e instanceof JournalEvent.SteadyState x) {
            return new JournalEvent.SteadyState(x.t() + shift, x.when(), x.met());
        } else if (e instanceof TimelineSample x) {
            return new TimelineSample(x.t() + shift, x.primary(), x.backup(), x.nowhere());
        } else if (e instanceof DrillEnded x) {
            return new DrillEnded(x.t() + shift, x.reason());
        }
        return e; // the drill line: the merge writes its own
    }
}
