package io.sipdrill.dashboards.live;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A metric's data points by label values, looked up without allocating: the client's own
 * {@code labelValues(…)} builds a list per call, which at thousands of journal events per second is
 * garbage the SIP threads do not need. One tree level per label; a lookup of known values is one
 * lock-free {@link ConcurrentHashMap#get} per level. Arities 1 to 3, as the metrics need.
 */
final class LabelCache<T> {

    /** What a journal's null label value is exposed as (a label value cannot be null). */
    static final String NONE = "none";

    private final Node<T> root = new Node<>();
    private final Function<String[], T> create;

    /** @param create the client's {@code labelValues}: called once per distinct combination */
    LabelCache(Function<String[], T> create) {
        this.create = create;
    }

    T get(String a) {
        Node<T> n = root.child(a);
        T v = n.value;
        return v != null ? v : n.fill(create, a);
    }

    T get(String a, String b) {
        Node<T> n = root.child(a).child(b);
        T v = n.value;
        return v != null ? v : n.fill(create, a, b);
    }

    T get(String a, String b, String c) {
        Node<T> n = root.child(a).child(b).child(c);
        T v = n.value;
        return v != null ? v : n.fill(create, a, b, c);
    }

    private static final class Node<T> {
        private final ConcurrentHashMap<String, Node<T>> children = new ConcurrentHashMap<>(8);
        private volatile T value;

        Node<T> child(String key) {
            String k = key == null ? NONE : key;
            Node<T> n = children.get(k);
            return n != null ? n : children.computeIfAbsent(k, x -> new Node<>());
        }

        /** First use of this combination: two threads racing here get the same point from the client. */
        T fill(Function<String[], T> create, String... labels) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == null) {
                    labels[i] = NONE;
                }
            }
            T v = create.apply(labels);
            value = v;
            return v;
        }
    }
}
