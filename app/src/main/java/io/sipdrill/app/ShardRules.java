package io.sipdrill.app;

import io.sipdrill.chaos.drill.Action;
import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.Step;
import io.sipdrill.chaos.drill.shard.Shard;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a sharded run ({@code --shard I/N}) may be, checked before anything starts. Shards are
 * injectors sharing one target, so: external targets only (N processes each starting an embedded,
 * local or docker topology would be N topologies, not one), no calls (each shard would need its own
 * carrier on the same address), and no faults: on a shared target, faults are one coordinator's
 * business. A shard playing them would fault only its own handsets' links, and N shards playing
 * them would fault N times; so a drill whose method injects anything is refused, and the faults
 * are injected from outside (or by one unsharded sipdrill run) while the shards load the target.
 */
final class ShardRules {

    private ShardRules() {
    }

    /** @throws BadInputException saying what does not fit a shard */
    static void check(Shard shard, String env, DrillPlan plan) {
        if (!env.equals("external")) {
            throw new BadInputException("--shard " + shard + " needs --env external (--registrar HOST:PORT --backup HOST:PORT):"
                    + " shards share one target, and " + shard.count() + " shards on --env " + env + " would start "
                    + shard.count() + " topologies");
        }
        if (plan.calls() != null) {
            throw new BadInputException("--shard " + shard + ": " + plan.name() + " places calls; sharded runs carry registrations only");
        }
        List<String> acts = Stream.concat(plan.method().steps().stream().map(Step::action), plan.method().rollbacks().stream())
                .filter(a -> !(a instanceof Action.ClearFaults))
                .map(Action::describe).distinct().toList();
        if (!acts.isEmpty()) {
            throw new BadInputException("--shard " + shard + ": " + plan.name() + " injects faults (" + String.join(", ", acts)
                    + "); shards only load a shared target: inject faults from one place (not from " + shard.count()
                    + " shards) and run the shards with a drill without a method");
        }
        try {
            shard.of(plan.handsets());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
