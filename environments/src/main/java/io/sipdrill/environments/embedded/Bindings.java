package io.sipdrill.environments.embedded;

import io.sipdrill.load.time.Ticker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The location service: for each address-of-record (the user part), its contacts and when each
 * expires. Expired contacts disappear lazily, when the AOR is next touched or counted.
 */
final class Bindings {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Ticker ticker;
    private final ConcurrentHashMap<String, Map<String, Long>> byAor = new ConcurrentHashMap<>();

    Bindings(Ticker ticker) {
        this.ticker = ticker;
    }

    /**
     * Binds (expires &gt; 0) or unbinds (expires 0) one contact.
     */
    void update(String aor, String contact, int expiresSeconds) {
        long now = ticker.nanoTime();
        byAor.compute(aor, (k, contacts) -> {
            Map<String, Long> m = contacts == null ? new LinkedHashMap<>(2) : contacts;
            purge(m, now);
            if (expiresSeconds > 0) {
                m.put(contact, now + expiresSeconds * NANOS_PER_SECOND);
            } else {
                m.remove(contact);
            }
            return m.isEmpty() ? null : m;
        });
    }

    void removeAll(String aor) {
        byAor.remove(aor);
    }

    /** The AOR's live contacts with their remaining seconds (rounded up), for the 200 OK. */
    Map<String, Integer> current(String aor) {
        long now = ticker.nanoTime();
        Map<String, Integer> out = new LinkedHashMap<>(2);
        byAor.computeIfPresent(aor, (k, contacts) -> {
            purge(contacts, now);
            contacts.forEach((contact, expiresAt) ->
                    out.put(contact, (int) ((expiresAt - now + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND)));
            return contacts.isEmpty() ? null : contacts;
        });
        return out;
    }

    boolean isRegistered(String aor) {
        return !current(aor).isEmpty();
    }

    /** AORs with at least one live contact; walks every AOR, so meant for probes, not per request. */
    int registeredCount() {
        long now = ticker.nanoTime();
        int[] count = {0};
        for (String aor : byAor.keySet()) {
            byAor.computeIfPresent(aor, (k, contacts) -> {
                purge(contacts, now);
                if (contacts.isEmpty()) {
                    return null;
                }
                count[0]++;
                return contacts;
            });
        }
        return count[0];
    }

    private static void purge(Map<String, Long> contacts, long now) {
        contacts.values().removeIf(expiresAt -> expiresAt - now <= 0);
    }
}
