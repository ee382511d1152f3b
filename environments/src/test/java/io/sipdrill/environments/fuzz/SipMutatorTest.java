package io.sipdrill.environments.fuzz;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SipMutatorTest {

    private static final byte[] REGISTER = ValidMessages.REGISTER.bytes("127.0.35.1:5060", "127.0.39.1:5060", 1);

    @Test
    void theSameSeedGivesTheSameMutations() {
        List<byte[]> first = run(7, 200);
        List<byte[]> again = run(7, 200);
        List<byte[]> other = run(8, 200);

        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i)).as("mutation %d replayed with seed 7", i).isEqualTo(first.get(i));
        }
        assertThat(countDiffering(first, other)).as("mutations that differ with seed 8").isGreaterThan(150);
    }

    @Test
    void mutationsChangeTheMessageInManyWaysAndUseEveryKind() {
        SipMutator mutator = new SipMutator(42);
        Set<SipMutator.Mutation> used = EnumSet.noneOf(SipMutator.Mutation.class);
        Set<String> distinct = new HashSet<>();
        int changed = 0;
        for (int i = 0; i < 1_000; i++) {
            SipMutator.Mutated m = mutator.mutate(REGISTER);
            used.addAll(m.applied());
            distinct.add(Arrays.toString(m.bytes()));
            changed += Arrays.equals(m.bytes(), REGISTER) ? 0 : 1;
        }
        assertThat(used).as("mutation kinds used in 1,000 runs").containsExactlyInAnyOrder(SipMutator.Mutation.values());
        assertThat(changed).as("mutated messages that differ from the valid one").isGreaterThan(950);
        assertThat(distinct).as("distinct mutated messages").hasSizeGreaterThan(900);
    }

    @Test
    void theCorpusNamesAreUniqueAndHoldBothKinds() {
        Set<String> names = new HashSet<>();
        TortureCorpus.all().forEach(m -> assertThat(names.add(m.name())).as("unique name %s", m.name()).isTrue());
        assertThat(TortureCorpus.of(TortureMessage.Validity.VALID)).as("valid-but-tricky messages").hasSizeGreaterThan(10);
        assertThat(TortureCorpus.of(TortureMessage.Validity.INVALID)).as("invalid messages").hasSizeGreaterThan(30);
    }

    private static List<byte[]> run(long seed, int n) {
        SipMutator mutator = new SipMutator(seed);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(mutator.mutate(REGISTER).bytes());
        }
        return out;
    }

    private static int countDiffering(List<byte[]> a, List<byte[]> b) {
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            n += Arrays.equals(a.get(i), b.get(i)) ? 0 : 1;
        }
        return n;
    }
}
