package io.sipdrill.chaos.drill;

import io.sipdrill.chaos.fault.LinkFaults;
import io.sipdrill.load.handset.Pop;

import java.util.Map;

/**
 * Something a drill does to the world, in its method or its rollbacks. Each record is one keyword
 * of the drill file ({@link #keyword()}); faults ({@link CpuSqueeze}, {@link CpuBurn}, {@link Freeze}, {@link Kill},
 * {@link Toxic}, {@link LinkDown}) are armed for rollback when injected, operator moves
 * ({@link Restart}, {@link DdiRoute}) are not faults and have nothing to revert.
 */
public sealed interface Action extends Activity {

    /** The drill file's name for this action ({@code cpu-squeeze}, {@code ddi-route}, …). */
    String keyword();

    /** One line for the journal and the progress line, e.g. {@code cpu-squeeze pbx-1 5%}. */
    String describe();

    /** Caps {@code target}'s CPU at {@code quota} of one core (0 < quota ≤ 1) until reverted. */
    record CpuSqueeze(String target, double quota) implements Action {
        public String keyword() { return "cpu-squeeze"; }
        public String describe() { return keyword() + " " + target + " " + Percent.format(quota * 100); }
    }

    /**
     * Runs a CPU burner inside {@code target} ({@code workers} busy processes at {@code load} of a
     * core each, 0 < load ≤ 1) until reverted: the incident's call event that made pbx-1 burn CPU.
     * With a {@link CpuSqueeze} on the same target the burner and the server share the quota.
     */
    record CpuBurn(String target, int workers, double load) implements Action {
        public CpuBurn {
            if (workers < 1 || !(load > 0) || load > 1) {
                throw new IllegalArgumentException("cpu-burn needs workers ≥ 1 and 0 < load ≤ 1: " + workers + ", " + load);
            }
        }
        public String keyword() { return "cpu-burn"; }
        public String describe() { return keyword() + " " + target + " " + workers + "x" + Percent.format(load * 100); }
    }

    /** Stops {@code target} answering (it keeps its sockets) until reverted. */
    record Freeze(String target) implements Action {
        public String keyword() { return "freeze"; }
        public String describe() { return keyword() + " " + target; }
    }

    /** Kills {@code target}; reverting starts it again. */
    record Kill(String target) implements Action {
        public String keyword() { return "kill"; }
        public String describe() { return keyword() + " " + target; }
    }

    /**
     * An operator's restart of {@code target}, or with {@code share} below 1 of that share of the
     * group {@code target-1, target-2, …} (the incident's "self-healed 50% of the PBX cluster").
     */
    record Restart(String target, double share) implements Action {
        public Restart {
            if (!(share > 0) || share > 1) {
                throw new IllegalArgumentException("restart share must be in (0, 1]: " + share);
            }
        }
        public String keyword() { return "restart"; }
        public String describe() {
            return keyword() + " " + target + (share < 1 ? " " + Percent.format(share * 100) : "");
        }
    }

    /**
     * A Toxiproxy toxic on a fault-proxy link: {@code type} and {@code attributes} as Toxiproxy
     * names them (times in ms). The drill file's {@code latency} action is one of these.
     */
    record Toxic(String link, String type, Map<String, Object> attributes, LinkFaults.Stream stream) implements Action {
        public Toxic {
            attributes = Map.copyOf(attributes);
        }
        public String keyword() { return type.equals("latency") ? "latency" : "toxic"; }
        public String describe() {
            return (type.equals("latency") ? "latency" : "toxic " + type) + " " + link + " " + new java.util.TreeMap<>(attributes);
        }
    }

    /** Takes a fault-proxy link down until reverted. */
    record LinkDown(String link) implements Action {
        public String keyword() { return "link-down"; }
        public String describe() { return keyword() + " " + link; }
    }

    /** Inbound DDI routing to {@code to} (the operators' switch): needs the drill's calls. */
    record DdiRoute(Pop to) implements Action {
        public String keyword() { return "ddi-route"; }
        public String describe() { return keyword() + " " + to.name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** Reverts every fault the drill has injected and not reverted yet, newest first. */
    record ClearFaults() implements Action {
        public String keyword() { return "clear-faults"; }
        public String describe() { return keyword(); }
    }

    /** The drill ends here (only in the method; its time is the drill's duration). */
    record End() implements Action {
        public String keyword() { return "end"; }
        public String describe() { return keyword(); }
    }
}
