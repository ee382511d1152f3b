package io.sipdrill.chaos.drill.file;

import io.sipdrill.chaos.drill.Action;
import io.sipdrill.chaos.drill.DrillTarget;
import io.sipdrill.chaos.drill.RestartTargets;
import io.sipdrill.chaos.fault.FaultTargets;
import io.sipdrill.chaos.fault.LinkFaults;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a drill file against the topology it is about to run on, before it starts: every target
 * and link a step names must exist there, and the topology must be able to apply each fault (the
 * fault is looked up, which touches nothing). A drill never runs with a step silently skipped.
 */
public final class DrillFileCheck {

    private DrillFileCheck() {
    }

    /** Every problem, one line each ({@code drills/x.yaml:14: method[1].link: the embedded topology has no link …}). */
    public static List<String> against(DrillFile drill, DrillTarget target) {
        return against(drill, target.env(), target.faults(), target.links());
    }

    /** The same, before the target's addresses are known: the topology's name, hosts and links. */
    public static List<String> against(DrillFile drill, String env, FaultTargets faults, LinkFaults links) {
        List<String> errors = new ArrayList<>();
        for (DrillFile.FileStep s : drill.method()) {
            check(s.action(), s.where(), env, faults, links, errors);
        }
        for (DrillFile.FileAction a : drill.rollbacks()) {
            check(a.action(), a.where(), env, faults, links, errors);
        }
        return errors;
    }

    /** Throws {@link DrillFileException} with every problem, if any. */
    public static void require(DrillFile drill, DrillTarget target) {
        List<String> errors = against(drill, target);
        if (!errors.isEmpty()) {
            throw new DrillFileException(errors);
        }
    }

    private static void check(Action action, Where where, String env, FaultTargets hosts, LinkFaults links,
                              List<String> errors) {
        try {
            if (action instanceof Action.CpuSqueeze c) {
                if (known(c.target(), hosts, env, where, errors)) {
                    hosts.cpuSqueeze(c.target(), c.quota());
                }
            } else if (action instanceof Action.CpuBurn b) {
                if (known(b.target(), hosts, env, where, errors)) {
                    hosts.cpuBurn(b.target(), b.workers(), b.load());
                }
            } else if (action instanceof Action.Freeze f) {
                if (known(f.target(), hosts, env, where, errors)) {
                    hosts.freeze(f.target());
                }
            } else if (action instanceof Action.Kill k) {
                if (known(k.target(), hosts, env, where, errors)) {
                    hosts.kill(k.target());
                }
            } else if (action instanceof Action.Restart r) {
                RestartTargets.of(r, hosts, env);
            } else if (action instanceof Action.Toxic t) {
                if (link(t.link(), links, env, where, errors)) {
                    links.toxic(t.link(), t.type(), t.attributes(), t.stream());
                }
            } else if (action instanceof Action.LinkDown d) {
                if (link(d.link(), links, env, where, errors)) {
                    links.down(d.link());
                }
            }
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            String field = action instanceof Action.Toxic || action instanceof Action.LinkDown ? "link"
                    : action instanceof Action.Restart ? "target" : "action";
            errors.add(where.field(field, where.line()).error(e.getMessage()));
        }
    }

    private static boolean known(String name, FaultTargets hosts, String env, Where where, List<String> errors) {
        Set<String> names = hosts.names();
        if (names.contains(name)) {
            return true;
        }
        errors.add(where.field("target", where.line()).error("the " + env + " topology has no target '" + name + "' (it has: "
                + (names.isEmpty() ? "none" : String.join(", ", names)) + ")"));
        return false;
    }

    private static boolean link(String name, LinkFaults links, String env, Where where, List<String> errors) {
        Set<String> names = links.links();
        if (names.contains(name)) {
            return true;
        }
        errors.add(where.field("link", where.line()).error("the " + env + " topology has no link " + name
                + (names.isEmpty() ? " (it routes nothing through the fault proxy)" : " (it has: " + String.join(", ", names) + ")")));
        return false;
    }
}
