package io.sipdrill.chaos.drill;

import io.sipdrill.chaos.fault.ClusterRestart;
import io.sipdrill.chaos.fault.FaultTargets;

import java.util.List;
import java.util.Set;

/** Which hosts a {@link Action.Restart} restarts: its target, or a share of the group it names. */
public final class RestartTargets {

    private RestartTargets() {
    }

    /**
     * {@code target} itself, or (for a group name such as {@code pbx}) the first {@code share} of
     * its members {@code pbx-1, pbx-2, …} in number order, rounded up ({@code share: 50%} of four
     * PBXs is pbx-1 and pbx-2; of three, pbx-1 and pbx-2), as {@link ClusterRestart} slices a cluster.
     *
     * @throws IllegalArgumentException when the topology has neither, or cannot restart at all
     */
    public static List<String> of(Action.Restart r, FaultTargets targets, String env) {
        if (targets instanceof OutageOnlyTargets outageOnly) {
            outageOnly.refuseRestart(r.target());
        }
        Set<String> names = targets.names();
        if (names.contains(r.target()) && r.share() >= 1) {
            return List.of(r.target());
        }
        List<String> chosen;
        try {
            chosen = ClusterRestart.slice(names, r.target() + "-*", 0, r.share());
        } catch (IllegalArgumentException noMembers) {
            throw new IllegalArgumentException("the " + env + " topology has no target or group '" + r.target() + "'"
                    + (names.contains(r.target()) ? " to restart a share of (a share restarts part of a group: pbx for pbx-1, pbx-2, …)"
                    : " (it has: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")"));
        }
        // A share too small to round up to one instance still restarts one: the step asked for a restart.
        return chosen.isEmpty() ? ClusterRestart.members(names, r.target() + "-*").subList(0, 1) : chosen;
    }
}
