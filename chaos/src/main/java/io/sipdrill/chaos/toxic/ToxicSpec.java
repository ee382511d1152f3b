package io.sipdrill.chaos.toxic;

/**
 * A toxic as the API shows it: Toxiproxy's fields {@code name}, {@code type}, {@code stream},
 * {@code toxicity} and {@code attributes}. Immutable; an update makes a new spec, and a link notices
 * the change by identity.
 *
 * @param toxicity the probability the toxic applies: per connection on a TCP route (as in
 *                 Toxiproxy), per datagram on a UDP route
 */
public record ToxicSpec(String name, ToxicType type, Stream stream, double toxicity, Attributes attributes) {

    public ToxicSpec {
        if (!(toxicity >= 0 && toxicity <= 1)) {
            throw new IllegalArgumentException("toxicity must be between 0 and 1, not " + toxicity);
        }
    }

    public String typeName() {
        return type.name();
    }

    public ToxicSpec with(double newToxicity, Attributes newAttributes) {
        return new ToxicSpec(name, type, stream, newToxicity, newAttributes);
    }

    // Identity, not value, equality: an update with equal values is still a new spec to apply.
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
