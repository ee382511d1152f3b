package io.sipdrill.chaos.drill.shard;

/**
 * One injector's place among {@code count} injectors that share a drill's population, 0-based:
 * {@code --shard 0/4} is the first of four, {@code --shard 3/4} the last. 0-based because that is
 * what a Kubernetes Indexed Job hands each pod ({@code JOB_COMPLETION_INDEX}), so a manifest passes
 * it through unchanged.
 *
 * <pre>{@code
 * HandsetRange mine = Shard.parse("1/4").of(1000);   // handsets 250 … 499
 * }</pre>
 *
 * @param index this shard, 0 … count − 1
 * @param count how many shards the drill runs as
 */
public record Shard(int index, int count) {

    /** The whole population in one process: what an unsharded run is. */
    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (count < 1) {
            throw new IllegalArgumentException("--shard I/N: N must be at least 1 (got " + count + ")");
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("--shard I/N: I counts from 0 and must be below N, 0 to " + (count - 1)
                    + " (got " + index + "/" + count + ")");
        }
    }

    /**
     * Reads {@code I/N}.
     *
     * @throws IllegalArgumentException with the message the CLI prints, for anything else
     */
    public static Shard parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("--shard " + text + " is not I/N (e.g. 0/4: the first of four shards, I from 0 to N-1)");
        }
        int index;
        int count;
        try {
            index = Integer.parseInt(parts[0].strip());
            count = Integer.parseInt(parts[1].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard " + text + " is not I/N with whole numbers (e.g. 0/4: the first of four shards)");
        }
        return new Shard(index, count);
    }

    /** True for a run that is one of several. */
    public boolean sharded() {
        return count > 1;
    }

    /**
     * The handsets this shard simulates out of {@code population}: equal slices of
     * population / count, the last shard taking the remainder.
     *
     * @throws IllegalArgumentException when there are fewer handsets than shards (a shard would have none)
     */
    public HandsetRange of(int population) {
        if (population < count) {
            throw new IllegalArgumentException("--shard " + this + ": " + population + " handsets cannot be split into "
                    + count + " shards (each needs at least one)");
        }
        int size = population / count;
        int first = index * size;
        int mine = index == count - 1 ? population - first : size;
        return new HandsetRange(first, mine, population);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
