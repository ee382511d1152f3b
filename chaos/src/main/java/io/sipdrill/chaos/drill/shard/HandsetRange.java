package io.sipdrill.chaos.drill.shard;

/**
 * The handsets one injector simulates: indexes {@code first} … {@code first + size − 1} (users
 * 1000000 + index) of a drill's {@code population}.
 */
public record HandsetRange(int first, int size, int population) {

    public HandsetRange {
        if (first < 0 || size < 1 || first + size > population) {
            throw new IllegalArgumentException("handsets " + first + " … " + (first + size - 1) + " are not within a population of " + population);
        }
    }

    /** All of a population: an unsharded run. */
    public static HandsetRange all(int population) {
        return new HandsetRange(0, population, population);
    }

    /** One past the last index. */
    public int end() {
        return first + size;
    }
}
