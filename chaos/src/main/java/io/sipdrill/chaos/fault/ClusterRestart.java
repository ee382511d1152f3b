package io.sipdrill.chaos.fault;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Restarts a share of a cluster, as the incident's monitoring self-healed "50% of the PBX cluster"
 * and later "the remaining instances". A cluster is a target pattern {@code <prefix>-*} over
 * {@link FaultTargets#names()} ({@code pbx-*} is pbx-1…pbx-k, not backup-pbx-1), ordered by
 * instance number. A slice {@code [from, to)} of the cluster is the members with index
 * {@code ceil(from × k)} up to {@code ceil(to × k)} (0-based), so the first half and the rest
 * always add up to the whole cluster, also for an odd k: for pbx-1..3, (0, 0.5) is pbx-1 and
 * pbx-2, (0.5, 1) is pbx-3.
 *
 * <pre>{@code
 * List<String> first = ClusterRestart.restartShare(topology.faults(), "pbx-*", 0.5);        // t = 11 min
 * List<String> rest = ClusterRestart.restartSlice(topology.faults(), "pbx-*", 0.5, 1.0);    // t = 16 min
 * }</pre>
 *
 * Members restart one after another (each stop, start, health check), so the rest of the slice
 * keeps serving while one restarts, as a rolling self-heal does.
 */
public final class ClusterRestart {

    private static final Pattern CLUSTER = Pattern.compile("([A-Za-z0-9_-]+?)-\\*");

    private ClusterRestart() {
    }

    /** The members of {@code cluster} ({@code pbx-*}) among {@code names}, by instance number. */
    public static List<String> members(Iterable<String> names, String cluster) {
        Matcher m = CLUSTER.matcher(cluster);
        if (!m.matches()) {
            throw new IllegalArgumentException("a cluster is written <prefix>-*, e.g. pbx-*; got " + cluster);
        }
        Pattern member = Pattern.compile(Pattern.quote(m.group(1)) + "-(\\d+)");
        List<String> members = new ArrayList<>();
        for (String name : names) {
            if (member.matcher(name).matches()) {
                members.add(name);
            }
        }
        members.sort(Comparator.comparingLong(name -> Long.parseLong(name.substring(name.lastIndexOf('-') + 1))));
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no targets match " + cluster + " (targets: " + String.join(", ", names) + ")");
        }
        return List.copyOf(members);
    }

    /** The members in the slice {@code [from, to)} of the cluster (0 ≤ from ≤ to ≤ 1). */
    public static List<String> slice(Iterable<String> names, String cluster, double from, double to) {
        if (!(from >= 0 && from <= to && to <= 1)) {
            throw new IllegalArgumentException("a cluster slice needs 0 <= from <= to <= 1, got [" + from + ", " + to + ")");
        }
        List<String> members = members(names, cluster);
        int k = members.size();
        return members.subList(boundary(from, k), boundary(to, k));
    }

    /** Restarts the first {@code ceil(share × k)} members; returns them, in restart order. */
    public static List<String> restartShare(FaultTargets targets, String cluster, double share) throws Exception {
        return restartSlice(targets, cluster, 0, share);
    }

    /** Restarts the members of the slice {@code [from, to)}; returns them, in restart order. */
    public static List<String> restartSlice(FaultTargets targets, String cluster, double from, double to) throws Exception {
        List<String> chosen = slice(targets.names(), cluster, from, to);
        for (String target : chosen) {
            targets.restart(target);
        }
        return chosen;
    }

    private static int boundary(double share, int k) {
        // 1e-9 absorbs binary fractions: 0.3 × 10 is 3.0000000000000004, which must be 3.
        return (int) Math.min(k, Math.ceil(share * k - 1e-9));
    }
}
