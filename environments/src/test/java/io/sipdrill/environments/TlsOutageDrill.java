package io.sipdrill.environments;

import io.sipdrill.chaos.drill.Action;
import io.sipdrill.chaos.drill.DrillMethod;
import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.DrillProgress;
import io.sipdrill.chaos.drill.DrillRunner;
import io.sipdrill.chaos.drill.DrillTarget;
import io.sipdrill.chaos.drill.RollbackStrategy;
import io.sipdrill.chaos.drill.Step;
import io.sipdrill.chaos.drill.gatling.GatlingDrillLoad;
import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.proxy.Route;
import io.sipdrill.chaos.toxic.Stream;
import io.sipdrill.chaos.toxic.Transport;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalMapper;
import io.sipdrill.load.journal.JsonLinesJournal;
import io.sipdrill.load.sip.transport.SipTransport;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registrar-outage drill with handsets on TLS, wired as {@code sipdrill run --transport tls}
 * wires it: one CA for the run, both POPs given TLS listeners before they start, the handsets sent
 * to those listeners trusting that CA. One fault at 3 s lasting 15 s, 30 s in all (time scale 60),
 * every handset failing back at its refresh: the shape {@link RegistrarOutageVerdicts} judges.
 *
 * <pre>{@code
 * try (Topology topology = new EmbeddedTopology(config)) {
 *     TlsOutageDrill.Run run = TlsOutageDrill.run(topology, tmp, 60, "127.0.34.1");
 *     RegistrarOutageVerdicts.checkOverTls(run.events(), 60, run.outageDetail(), 0);
 * }
 * }</pre>
 */
public final class TlsOutageDrill {

    private TlsOutageDrill() {
    }

    /**
     * What a run left: the runner's ending, the journal, how the primary was taken down, and for a
     * run through the fault proxy what its {@code handsets->registrar} link carried (else null).
     */
    public record Run(DrillRunner.Ending ending, List<JournalEvent> events, String outageDetail, DrillTarget target,
                      LinkUse link) {
    }

    /** A proxy link's protocol and the bytes it forwarded from the handsets. */
    public record LinkUse(Transport transport, long upstreamBytes) {
    }

    /** The drill's plan: {@code handsets} handsets on TLS, all failing back at their next refresh. */
    public static DrillPlan plan(int handsets) {
        return new DrillPlan("tls-outage-it", handsets, 60,
                new PopulationMix(List.of(new PopulationMix.Share(1.0, FailbackMode.REGISTRATION, Duration.ZERO))),
                Duration.ofMinutes(1), Duration.ofMinutes(10), 2, Duration.ofSeconds(10),
                Duration.ofMinutes(3), Duration.ofMinutes(15), Duration.ofMinutes(30), Map.of())
                .withTransport(SipTransport.TLS);
    }

    /**
     * The same drill with the outage on the handsets' link instead of the server: through TCP links of
     * the fault proxy listening on {@code toPrimary} and {@code toBackup} (port {@value HandsetTls#PORT}),
     * the {@code handsets->registrar} link goes down at 3 s and comes back at 18 s. The certificates
     * name the listeners' addresses too, as {@code sipdrill run} issues them.
     */
    public static Run runThroughLinks(Topology topology, Path dir, int handsets, String handsetAddress,
                                      InetSocketAddress toPrimary, InetSocketAddress toBackup) throws Exception {
        HandsetTls tls = HandsetTls.create(dir.resolve("tls")).alsoReachedAt(toPrimary.getAddress(), toBackup.getAddress());
        topology.enableTls(tls);
        topology.start();
        Endpoints endpoints = topology.endpoints();
        try (ProxiedLinks links = ProxiedLinks.startTls(endpoints, toPrimary, toBackup, List.of())) {
            DrillTarget target = new DrillTarget(topology.name(), endpoints.primary().address(), endpoints.backup().address(),
                    endpoints.primary().realm(), Optional.of(topology.registrarOutage()), topology.faults(), links.faults())
                    .withHandsetsVia(links.faults(), links.toPrimary(), links.toBackup())
                    .withHandsetsOverTls(tls.trust(), links.toPrimary(), links.toBackup());
            DrillPlan plan = plan(handsets).withMethod(new DrillMethod(Duration.ofMinutes(3), List.of(), List.of(
                    new Step(Duration.ofMinutes(3), new Action.LinkDown(ProxiedLinks.HANDSETS_TO_REGISTRAR)),
                    new Step(Duration.ofMinutes(18), new Action.ClearFaults())), RollbackStrategy.DEFAULT, List.of()));
            Path journalFile = dir.resolve("journal.jsonl");
            DrillRunner.Ending ending;
            try (JsonLinesJournal journal = new JsonLinesJournal(journalFile)) {
                ending = new DrillRunner(plan, target, journal, DrillProgress.silent(),
                        new GatlingDrillLoad(dir.resolve("gatling"), handsetAddress, 4)).run();
            }
            Route route = links.proxy().route(ProxiedLinks.HANDSETS_TO_REGISTRAR);
            return new Run(ending, JournalMapper.readAll(journalFile), "link-down", target,
                    new LinkUse(route.transport(), route.metrics().sentBytes(Stream.UPSTREAM)));
        }
    }

    /**
     * Gives {@code topology}'s POPs TLS, starts it, and plays the drill with handsets on 4
     * consecutive local addresses from {@code handsetAddress}. The caller closes the topology.
     */
    public static Run run(Topology topology, Path dir, int handsets, String handsetAddress) throws Exception {
        HandsetTls tls = HandsetTls.create(dir.resolve("tls"));
        topology.enableTls(tls);
        topology.start();
        Endpoints endpoints = topology.endpoints();
        Fault outage = topology.registrarOutage();
        DrillTarget target = new DrillTarget(topology.name(), endpoints.primary().address(), endpoints.backup().address(),
                endpoints.primary().realm(), Optional.of(outage))
                .withHandsetsOverTls(tls.trust(), HandsetTls.listener(endpoints.primary().address()),
                        HandsetTls.listener(endpoints.backup().address()));
        Path journalFile = dir.resolve("journal.jsonl");
        DrillRunner.Ending ending;
        try (JsonLinesJournal journal = new JsonLinesJournal(journalFile)) {
            ending = new DrillRunner(plan(handsets), target, journal, DrillProgress.silent(),
                    new GatlingDrillLoad(dir.resolve("gatling"), handsetAddress, 4)).run();
        }
        return new Run(ending, JournalMapper.readAll(journalFile), outage.detail(), target, null);
    }
}
