package io.sipdrill.environments;

import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.Pop;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdicts of a registrar-outage drill read from its journal, the same on every topology
 * whose outage freezes the primary (Kamailio processes, Kamailio containers): one fault at 3 s
 * lasting 15 s (time scale 60), every handset registered on the primary before it, the frozen
 * primary silent and timing out, every handset on the backup during it, at least 90% back after.
 *
 * <pre>{@code
 * RegistrarOutageVerdicts.check(JournalMapper.readAll(journal), 40, "docker pause", 300);
 * }</pre>
 */
public final class RegistrarOutageVerdicts {

    /** Drill ms around the fault steps where a response already on its way may still land. */
    public static final long EDGE_MS = 300;

    private RegistrarOutageVerdicts() {
    }

    /**
     * @param freezer        the outage's detail, as each fault step must name it
     * @param recoveryEdgeMs how long before the end step failbacks count (a revert that returns
     *                       later than the server answers again, docker unpause, needs {@link #EDGE_MS})
     */
    public static void check(List<JournalEvent> events, int handsets, String freezer, long recoveryEdgeMs) {
        check(events, handsets, freezer, recoveryEdgeMs, false);
    }

    /**
     * The same verdicts for handsets on TLS: a reliable transport never retransmits (RFC 3261
     * §17.1.2.2), so requests to the frozen primary are sent once each and end at Timer F.
     */
    public static void checkOverTls(List<JournalEvent> events, int handsets, String freezer, long recoveryEdgeMs) {
        check(events, handsets, freezer, recoveryEdgeMs, true);
    }

    private static void check(List<JournalEvent> events, int handsets, String freezer, long recoveryEdgeMs,
                              boolean reliable) {
        String overview = overview(events);
        assertThat(events.get(0)).isInstanceOf(JournalEvent.DrillStarted.class);
        assertThat(events.get(events.size() - 1)).as(overview).isInstanceOfSatisfying(JournalEvent.DrillEnded.class,
                end -> assertThat(end.reason()).isEqualTo("completed"));

        // (e) one fault, started and ended on schedule, naming how the primary was frozen.
        List<JournalEvent.FaultStep> steps = ofType(events, JournalEvent.FaultStep.class);
        assertThat(steps).as(overview).extracting(JournalEvent.FaultStep::action).containsExactly("start", "end");
        assertThat(steps).allSatisfy(step -> {
            assertThat(step.name()).isEqualTo("registrar-outage");
            assertThat(step.target()).isEqualTo("registrar");
            assertThat(step.detail()).isEqualTo(freezer);
        });
        long faultStart = steps.get(0).t();
        long faultEnd = steps.get(1).t();
        assertThat(faultStart).as("fault start (drill ms)").isBetween(3_000L, 3_700L);
        // Each step is journaled once its inject/revert returned, so the gap is 15 s give or take those calls: a
        // docker unpause on a loaded 2-core machine took 709 ms more than its pause once, hence 1.5 s on the late side.
        assertThat(faultEnd - faultStart).as("fault length (drill ms)").isBetween(14_700L, 16_500L);

        List<JournalEvent.Transaction> txs = ofType(events, JournalEvent.Transaction.class);
        List<JournalEvent.HandsetState> states = ofType(events, JournalEvent.HandsetState.class);
        // Handset ids are the handsets' indexes in the numbering plan (user - 1000000); there must be handsets of them.
        List<Integer> everyHandset = txs.stream().map(JournalEvent.Transaction::h).distinct().sorted().toList();
        assertThat(everyHandset).as("distinct handsets in the journal").hasSize(handsets);

        // (a) before the fault: every handset challenged, then accepted with its own digest, on the primary.
        for (int h : everyHandset) {
            List<JournalEvent.Transaction> first = txs.stream()
                    .filter(tx -> tx.h() == h && tx.pop() == Pop.PRIMARY && tx.t() < faultStart).limit(2).toList();
            assertThat(first).as("handset %d's first transactions on the primary; %s", h, overview)
                    .extracting(JournalEvent.Transaction::purpose, JournalEvent.Transaction::outcome,
                            JournalEvent.Transaction::code)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("initial", "challenged", 401),
                            org.assertj.core.groups.Tuple.tuple("initial", "ok", 200));
        }
        assertThat(handsets(states, s -> s.state().equals("registered") && s.pop() == Pop.PRIMARY && s.t() < faultStart))
                .as("registered on the primary before the fault; %s", overview).containsExactlyElementsOf(everyHandset);
        assertThat(txs).as("a healthy primary never times out").noneMatch(tx -> tx.t() < faultStart && tx.outcome().equals("timeout"));

        // (b) during the fault the primary is silent: requests to it are retransmitted (over UDP) and time out.
        Predicate<JournalEvent> inFault = e -> e.t() >= faultStart && e.t() <= faultEnd;
        if (reliable) {
            assertThat(ofType(events, JournalEvent.Retransmission.class)).as("retransmissions over TLS").isEmpty();
        } else {
            assertThat(ofType(events, JournalEvent.Retransmission.class)).as("retransmissions to the frozen primary")
                    .filteredOn(inFault::test).filteredOn(r -> r.pop() == Pop.PRIMARY).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.n()).isGreaterThanOrEqualTo(2));
        }
        assertThat(txs).as("timeouts on the frozen primary").filteredOn(inFault::test)
                .filteredOn(tx -> tx.pop() == Pop.PRIMARY && tx.outcome().equals("timeout")).isNotEmpty()
                .allSatisfy(tx -> {
                    assertThat(tx.code()).isNull();
                    assertThat(tx.latencyMs()).isNull();
                    if (reliable) {
                        assertThat(tx.sent()).as("one transmission over TLS, then Timer F").isEqualTo(1);
                    } else {
                        assertThat(tx.sent()).as("transmissions before Timer F").isGreaterThan(1);
                    }
                });
        assertThat(txs).as("answers from the primary well inside the fault window")
                .filteredOn(tx -> tx.pop() == Pop.PRIMARY && tx.code() != null)
                .noneMatch(tx -> tx.t() > faultStart + EDGE_MS && tx.t() < faultEnd - EDGE_MS);

        // (c) every handset failed over: registered on the backup while the primary was frozen.
        assertThat(handsets(states, s -> s.state().equals("registered") && s.pop() == Pop.BACKUP && inFault.test(s)))
                .as("registered on the backup during the fault; %s", overview).containsExactlyElementsOf(everyHandset);
        Set<Integer> acceptedOnFailover = txs.stream().filter(tx -> tx.pop() == Pop.BACKUP
                        && tx.purpose().equals("failover") && tx.outcome().equals("ok") && inFault.test(tx))
                .map(JournalEvent.Transaction::h).collect(Collectors.toCollection(TreeSet::new));
        assertThat(acceptedOnFailover).as("handsets accepted by the backup on a failover REGISTER").containsExactlyElementsOf(everyHandset);

        // (d) after the fault: handsets fail back to the primary at their next refresh (counted from
        // recoveryEdgeMs before the end step, which is journaled once the revert returned).
        long recoveryFrom = faultEnd - recoveryEdgeMs;
        Set<Integer> failedBack = txs.stream().filter(tx -> tx.t() > recoveryFrom && tx.pop() == Pop.PRIMARY
                        && tx.purpose().equals("failback") && tx.outcome().equals("ok")).map(JournalEvent.Transaction::h)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<Integer> backOnPrimary = handsets(states,
                s -> s.t() > recoveryFrom && s.state().equals("registered") && s.pop() == Pop.PRIMARY);
        int atLeast = (int) Math.ceil(handsets * 0.9);
        assertThat(failedBack).as("handsets that failed back; %s", overview).hasSizeGreaterThanOrEqualTo(atLeast);
        assertThat(backOnPrimary).as("registered on the primary after the fault").containsAll(failedBack);
        List<JournalEvent.TimelineSample> timeline = ofType(events, JournalEvent.TimelineSample.class);
        JournalEvent.TimelineSample last = timeline.get(timeline.size() - 1);
        assertThat(last.primary()).as("on the primary at the end; %s", overview).isGreaterThanOrEqualTo(atLeast);
        assertThat(last.primary() + last.backup() + last.nowhere()).isEqualTo(handsets);
        assertThat(timeline).as("the timeline saw the whole fleet on the backup")
                .anyMatch(s -> s.backup() == handsets && inFault.test(s));
    }

    private static <T extends JournalEvent> List<T> ofType(List<JournalEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Set<Integer> handsets(List<JournalEvent.HandsetState> states, Predicate<JournalEvent.HandsetState> which) {
        return states.stream().filter(which).map(JournalEvent.HandsetState::h).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Fault steps and one timeline sample a second, for failure messages. */
    private static String overview(List<JournalEvent> events) {
        List<String> lines = new ArrayList<>();
        long nextSample = 0;
        for (JournalEvent e : events) {
            if (e instanceof JournalEvent.FaultStep || e instanceof JournalEvent.DrillEnded) {
                lines.add(e.toString());
            } else if (e instanceof JournalEvent.TimelineSample s && s.t() >= nextSample) {
                lines.add(s.toString());
                nextSample = s.t() + 1_000;
            }
        }
        return "journal overview:\n" + String.join("\n", lines);
    }

}
