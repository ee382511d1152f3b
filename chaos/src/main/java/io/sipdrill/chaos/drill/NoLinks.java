package io.sipdrill.chaos.drill;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.LinkFaults;

import java.util.Map;
import java.util.Set;

/** The links of a topology that routes nothing through the fault proxy: none. */
public final class NoLinks implements LinkFaults {

    private final String topology;

    public NoLinks(String topology) {
        this.topology = topology;
    }

    @Override
    public Set<String> links() {
        return Set.of();
    }

    @Override
    public Fault toxic(String link, String type, Map<String, Object> attributes, Stream stream) {
        throw new IllegalArgumentException("the " + topology + " topology has no link " + link);
    }

    @Override
    public Fault down(String link) {
        throw new IllegalArgumentException("the " + topology + " topology has no link " + link);
    }
}
