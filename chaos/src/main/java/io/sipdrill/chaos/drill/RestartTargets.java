package io.sipdrill.chaos.drill;

import io.sipdrill.chaos.fault.FaultTargets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which hosts a {@link Action.Restart} restarts: its target, or a share of the group it names. */
public final class RestartTargets {

    private static final Pattern MEMBER = Pattern.compile("(.+)-(\\d+)");

    private RestartTargets() {
    }

    /**
     * {@code target} itself, or (for a group name such as {@code pbx}) the first {@code share} of
     * its members {@code pbx-1, pbx-2, …} in number order, rounded up ({@code share: 50%} of four
     * PBXs is pbx-1 and pbx-2; of three, pbx-1 and pbx-2).
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
        List<String> members = new ArrayList<>();
        for (String n : names) {
            Matcher m = MEMBER.matcher(n);
            if (m.matches() && m.group(1).equals(r.target())) {
                members.add(n);
            }
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("the " + env + " topology has no target or group '" + r.target() + "'"
                    + (names.contains(r.target()) ? " to restart a share of (a share restarts part of a group: pbx for pbx-1, pbx-2, …)"
                    : " (it has: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")"));
        }
        members.sort(Comparator.comparingInt(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1))));
        int count = (int) Math.ceil(members.size() * r.share() - 1e-9);
        return List.copyOf(members.subList(0, Math.max(1, count)));
    }
}
