package io.sipdrill.chaos.drill.file;

import io.sipdrill.chaos.drill.Action;
import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.Probe;
import io.sipdrill.chaos.drill.RollbackStrategy;
import io.sipdrill.chaos.drill.Tolerance;
import io.sipdrill.chaos.fault.LinkFaults;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.Pop;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.transport.SipTransport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reading drill files: the whole shape, then each bad file's exact message (file:line: field: reason). */
class DrillFileParserTest {

    static final String GOOD = """
            title: Registrar overload
            time-scale: 60
            population:
              handsets: 2000
              mix:
                - {share: 0.7, failback: registration}
                - {share: 20%, failback: duration, timeout: 10m}
                - {share: 10%, failback: never}
              register: {expires: 10m, transport: udp}
              calls: {outbound-per-handset-hour: 2, inbound-ddi-per-hour: 3600}
            warm-up: 5m
            steady-state-hypothesis:
              - probe: registered-on primary
                tolerance: {min: 99%}
              - {probe: inbound-call-success, tolerance: {min: 90%, max: 100%}}
            method:
              - {at: 0m, action: cpu-squeeze, target: pbx-1, quota: 5%}
              - {at: 3m, action: latency, link: handsets->registrar, latency: 8s, jitter: 2s}
              - {at: 11m, action: restart, target: pbx, share: 50%}
              - {at: 26m, action: ddi-route, to: backup}
              - {at: 31m, action: restart, target: registrar}
              - {at: 31m, action: clear-faults}
              - {at: 40m, action: toxic, link: carrier->registrar, type: loss, attributes: {probability: 0.2}, stream: upstream}
              - {at: 41m, action: link-down, link: handsets->backup}
              - {at: 93m, action: end}
            rollbacks:
              strategy: deviated
              actions: [clear-faults, {action: ddi-route, to: primary}]
            slo:
              failover-t50: {max: 10m}
              stuck-on-backup: {max: 2%}
              calls.setup_ms.p95: {max: 2s}
              register_latency_ms.p99: {max: 800}
            """;

    private static DrillFile parse(String yaml) {
        return DrillFileParser.parse(yaml, "drills/x.yaml", "x");
    }

    /** The one error a bad file gives. */
    private static String error(String yaml) {
        DrillFileException e = catchThrowableOfType(DrillFileException.class, () -> parse(yaml));
        assertThat(e).as("a bad file is refused").isNotNull();
        assertThat(e.errors()).as("one problem, one line").hasSize(1);
        return e.errors().get(0);
    }

    private static String withMethodStep(String step) {
        return GOOD.replace("  - {at: 41m, action: link-down, link: handsets->backup}\n", step + "\n");
    }

    @Test
    void readsEveryPartIntoTypedRecords() {
        DrillFile d = parse(GOOD);

        assertThat(d.title()).isEqualTo("Registrar overload");
        assertThat(d.timeScale()).isEqualTo(60);
        assertThat(d.population().handsets()).isEqualTo(2000);
        assertThat(d.population().mix().shares()).extracting(s -> s.share() + " " + s.mode() + " " + s.timeout())
                .containsExactly("0.7 REGISTRATION PT0S", "0.2 DURATION PT10M", "0.1 NEVER PT0S");
        assertThat(d.population().calls().inboundPerSecond()).isEqualTo(1.0);
        assertThat(d.population().calls().outboundPerSecond()).isEqualTo(2000 * 2 / 3600.0);
        assertThat(d.hypothesis()).extracting(c -> c.probe() + " " + c.tolerance()).containsExactly(
                new Probe.RegisteredOn(Pop.PRIMARY) + " " + new Tolerance.Min(99),
                new Probe.InboundCallSuccess() + " " + new Tolerance.Range(90, 100));
        assertThat(d.method()).extracting(DrillFile.FileStep::action).containsExactly(
                new Action.CpuSqueeze("pbx-1", 0.05),
                new Action.Toxic("handsets->registrar", "latency", Map.of("latency", 8000L, "jitter", 2000L), LinkFaults.Stream.DOWNSTREAM),
                new Action.Restart("pbx", 0.5),
                new Action.DdiRoute(Pop.BACKUP),
                new Action.Restart("registrar", 1),
                new Action.ClearFaults(),
                new Action.Toxic("carrier->registrar", "loss", Map.of("probability", 0.2), LinkFaults.Stream.UPSTREAM),
                new Action.LinkDown("handsets->backup"),
                new Action.End());
        assertThat(d.method().get(1).where()).isEqualTo(new Where("drills/x.yaml", 18, "method[1]"));
        assertThat(d.strategy()).isEqualTo(RollbackStrategy.DEVIATED);
        assertThat(d.rollbacks()).extracting(DrillFile.FileAction::action)
                .containsExactly(new Action.ClearFaults(), new Action.DdiRoute(Pop.PRIMARY));
        // Units as summary.json has them: seconds, percent, milliseconds; summary paths pass as they are.
        assertThat(d.slo()).containsExactly(
                Map.entry("failover.t50_s", new JournalEvent.Slo(null, 600.0)),
                Map.entry("stuck_on_backup_pct", new JournalEvent.Slo(null, 2.0)),
                Map.entry("calls.setup_ms.p95", new JournalEvent.Slo(null, 2000.0)),
                Map.entry("register_latency_ms.p99", new JournalEvent.Slo(null, 800.0)));
    }

    @Test
    void thePlanCountsStepsFromTheEndOfTheWarmUp() {
        DrillPlan plan = parse(GOOD).toPlan();

        assertThat(plan.duration()).isEqualTo(Duration.ofMinutes(98));
        assertThat(plan.method().start()).isEqualTo(Duration.ofMinutes(5));
        assertThat(plan.method().steps()).hasSize(8).first()
                .satisfies(s -> assertThat(s.at()).isEqualTo(Duration.ofMinutes(5)));
        assertThat(plan.calls().from()).as("calls begin when the ramp is over").isEqualTo(Duration.ofMinutes(1));
        assertThat(plan.calls().until()).as("15 drill seconds before the end").isEqualTo(Duration.ofMinutes(98).minusMinutes(15));
        assertThat(parse(GOOD).toPlan(50, 30.0)).satisfies(p -> {
            assertThat(p.handsets()).isEqualTo(50);
            assertThat(p.timeScale()).isEqualTo(30.0);
        });
    }

    @Test
    void unitsAndShares() {
        assertThat(Units.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Units.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Units.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Units.percent("99.5%")).isEqualTo(99.5);
        assertThat(Units.share("70%")).isEqualTo(0.7);
        assertThat(Units.share("0.25")).isEqualTo(0.25);
        assertThatThrownBy(() -> Units.duration("10")).hasMessage("'10' is not a duration (write a number and a unit: 250ms, 30s, 10m, 1h30m)");
        assertThatThrownBy(() -> Units.duration("10 mins")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Units.percent("0.05")).hasMessage("'0.05' is not a percentage (write it with a percent sign: 5%, 99.5%)");
        assertThat(Units.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    }

    @Test
    void cpuBurnTakesWorkersAndLoadWithDefaults() {
        DrillFile d = parse(withMethodStep("  - {at: 41m, action: cpu-burn, target: pbx-1, workers: 2, load: 80%}\n"
                + "  - {at: 42m, action: cpu-burn, target: pbx-2}"));
        assertThat(d.method()).extracting(DrillFile.FileStep::action)
                .contains(new Action.CpuBurn("pbx-1", 2, 0.8), new Action.CpuBurn("pbx-2", 1, 1.0));
    }

    @Test
    void cpuBurnRefusesABadLoadAndWorkerCount() {
        assertThat(error(withMethodStep("  - {at: 41m, action: cpu-burn, target: pbx-1, load: 150%}")))
                .isEqualTo("drills/x.yaml:24: method[7].load: must be more than 0% and at most 100% (of one core per worker)");
        assertThat(error(withMethodStep("  - {at: 41m, action: cpu-burn, target: pbx-1, workers: 0}")))
                .isEqualTo("drills/x.yaml:24: method[7].workers: 0: must be a whole number from 1 to 64");
    }

    @Test
    void unknownAction() {
        assertThat(error(withMethodStep("  - {at: 41m, action: latncy, link: handsets->backup}")))
                .isEqualTo("drills/x.yaml:24: method[7].action: unknown action 'latncy' (expected one of cpu-squeeze, cpu-burn, "
                        + "freeze, kill, restart, latency, toxic, link-down, ddi-route, clear-faults, end)");
    }

    @Test
    void missingTarget() {
        assertThat(error(withMethodStep("  - {at: 41m, action: freeze}")))
                .isEqualTo("drills/x.yaml:24: method[7]: missing field 'target'");
    }

    @Test
    void aFieldTheActionDoesNotHave() {
        assertThat(error(withMethodStep("  - {at: 41m, action: freeze, target: registrar, quota: 5%}")))
                .isEqualTo("drills/x.yaml:24: method[7].quota: unknown field for freeze (expected at, action, target)");
    }

    @Test
    void stepsOutOfOrder() {
        assertThat(error(withMethodStep("  - {at: 30m, action: link-down, link: handsets->backup}")))
                .isEqualTo("drills/x.yaml:24: method[7].at: 30m comes before the previous step's 40m (list steps in time order)");
    }

    @Test
    void noEndStepAndStepsAfterIt() {
        assertThat(error(GOOD.replace("  - {at: 93m, action: end}\n", "")))
                .isEqualTo("drills/x.yaml:16: method: no end step: the last step says when the drill ends (e.g. - {at: 40m, action: end})");
        assertThat(error(GOOD.replace("  - {at: 93m, action: end}\n", "  - {at: 93m, action: end}\n  - {at: 94m, action: clear-faults}\n")))
                .isEqualTo("drills/x.yaml:26: method[9]: comes after the end step: end is the drill's last step");
    }

    @Test
    void unknownProbe() {
        assertThat(error(GOOD.replace("probe: registered-on primary", "probe: registered-on primray")))
                .isEqualTo("drills/x.yaml:13: steady-state-hypothesis[0].probe: unknown probe 'registered-on primray' (expected one of "
                        + "registered-on primary, registered-on backup, registered-anywhere, inbound-call-success, outbound-call-success)");
    }

    @Test
    void malformedYaml() {
        // DRILLS.md's one-line "probe: … tolerance: …" is not YAML: a second key on the same line.
        assertThat(error(GOOD.replace("  - probe: registered-on primary\n    tolerance: {min: 99%}\n",
                "  - probe: registered-on primary     tolerance: {min: 99%}\n")))
                .isEqualTo("drills/x.yaml:13: malformed YAML: mapping values are not allowed here");
        assertThat(error("title: x\nmethod: [{at: 1m, action: end}\n"))
                .startsWith("drills/x.yaml:3: malformed YAML: ");
    }

    @Test
    void badDurationAndPercentage() {
        assertThat(error(withMethodStep("  - {at: 41, action: link-down, link: handsets->backup}")))
                .isEqualTo("drills/x.yaml:24: method[7].at: '41' is not a duration (write a number and a unit: 250ms, 30s, 10m, 1h30m)");
        assertThat(error(GOOD.replace("quota: 5%", "quota: 0.05")))
                .isEqualTo("drills/x.yaml:17: method[0].quota: '0.05' is not a percentage (write it with a percent sign: 5%, 99.5%)");
        assertThat(error(GOOD.replace("stuck-on-backup: {max: 2%}", "stuck-on-backup: {max: 0.02}")))
                .isEqualTo("drills/x.yaml:31: slo.stuck-on-backup.max: '0.02' is not a percentage (write it with a percent sign: 5%, 99.5%)");
        assertThat(error(GOOD.replace("failover-t50: {max: 10m}", "failover-t50: {max: 600}")))
                .isEqualTo("drills/x.yaml:30: slo.failover-t50.max: '600' is not a duration (write a number and a unit: 250ms, 30s, 10m, 1h30m)");
    }

    @Test
    void sharesThatDoNotAddUpToOne() {
        assertThat(error(GOOD.replace("{share: 10%, failback: never}", "{share: 5%, failback: never}")))
                .isEqualTo("drills/x.yaml:5: population.mix: shares add up to 0.95, not 1 (100%)");
    }

    @Test
    void unknownFieldsAndSlos() {
        assertThat(error(GOOD.replace("time-scale: 60", "timescale: 60")))
                .isEqualTo("drills/x.yaml:2: timescale: unknown field (expected one of title, description, time-scale, population, "
                        + "warm-up, steady-state-hypothesis, method, rollbacks, slo)");
        assertThat(error(GOOD.replace("failover-t50: {max: 10m}", "failover-T50: {max: 10m}")))
                .startsWith("drills/x.yaml:30: slo.failover-T50: unknown SLO (expected one of detection, failover-t50,");
    }

    @Test
    void aRollbackThatWouldInjectAFault() {
        assertThat(error(GOOD.replace("actions: [clear-faults,", "actions: [{action: freeze, target: registrar},")))
                .isEqualTo("drills/x.yaml:28: rollbacks.actions[0].action: freeze cannot be a rollback (rollbacks are clear-faults, restart or ddi-route)");
    }

    @Test
    void ddiRouteWithoutCalls() {
        String noCalls = GOOD.replace("  calls: {outbound-per-handset-hour: 2, inbound-ddi-per-hour: 3600}\n", "")
                .replace("  - {probe: inbound-call-success, tolerance: {min: 90%, max: 100%}}\n", "");
        DrillFileException e = catchThrowableOfType(DrillFileException.class, () -> parse(noCalls));
        assertThat(e.errors()).containsExactly(
                "drills/x.yaml:18: method[3].action: ddi-route needs calls: add population.calls (inbound DDI calls come from the carrier)",
                "drills/x.yaml:26: rollbacks.actions[1]: ddi-route needs calls: add population.calls");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        DrillFileException e = catchThrowableOfType(DrillFileException.class, () -> parse(GOOD
                .replace("handsets: 2000", "handsets: 0")
                .replace("action: cpu-squeeze", "action: cpu-sqeeze")));
        assertThat(e.errors()).containsExactly(
                "drills/x.yaml:4: population.handsets: 0: must be a whole number, at least 1",
                "drills/x.yaml:17: method[0].action: unknown action 'cpu-sqeeze' (expected one of cpu-squeeze, cpu-burn, freeze, "
                        + "kill, restart, latency, toxic, link-down, ddi-route, clear-faults, end)");
        assertThat(e.getMessage().lines()).hasSize(2);
    }

    /** A registrations-only drill (no calls), the shape a TLS drill takes. */
    static final String REGISTRATIONS = """
            title: Registrar outage over TLS
            population:
              handsets: 100
              register: {expires: 10m, transport: tls}
            method:
              - {at: 0m, action: freeze, target: registrar}
              - {at: 20m, action: clear-faults}
              - {at: 37m, action: end}
            """;

    @Test
    void tlsIsATransportAndThePlanCarriesIt() {
        DrillFile file = parse(REGISTRATIONS);
        assertThat(file.population().transport()).isEqualTo("tls");
        assertThat(file.toPlan().transport()).as("the plan's transport").isEqualTo(SipTransport.TLS);
        assertThat(parse(REGISTRATIONS.replace("transport: tls", "transport: udp")).toPlan().transport())
                .isEqualTo(SipTransport.UDP);
        assertThat(parse(REGISTRATIONS.replace("register: {expires: 10m, transport: tls}", "register: {expires: 10m}"))
                .toPlan().transport()).as("the default").isEqualTo(SipTransport.UDP);
    }

    @Test
    void tcpAndUnknownTransportsAreRefusedWithTheirLine() {
        assertThat(error(REGISTRATIONS.replace("transport: tls", "transport: tcp")))
                .isEqualTo("drills/x.yaml:4: population.register.transport: tcp is not supported yet: handsets register over udp or tls");
        assertThat(error(REGISTRATIONS.replace("transport: tls", "transport: sctp")))
                .isEqualTo("drills/x.yaml:4: population.register.transport: 'sctp' is not one of udp, tcp, tls");
    }

    @Test
    void tlsWithCallsIsRefusedAtTheTransportLine() {
        assertThat(error(GOOD.replace("transport: udp", "transport: tls")))
                .isEqualTo("drills/x.yaml:9: population.register.transport: tls goes with registrations only: calls over tls"
                        + " are not supported yet (drop population.calls or register over udp)");
    }

    @Test
    void aMissingFileIsOneLineToo() {
        assertThatThrownBy(() -> DrillFileParser.parse(java.nio.file.Path.of("/nonexistent/x.yaml"), "x.yaml"))
                .isInstanceOf(DrillFileException.class).hasMessage("x.yaml: cannot read the drill file: no such file");
    }

    @Test
    void theFailbackModesComeFromTheMix() {
        assertThat(parse(GOOD).population().mix().shares()).extracting(s -> s.mode())
                .containsExactly(FailbackMode.REGISTRATION, FailbackMode.DURATION, FailbackMode.NEVER);
        assertThat(List.of(1)).hasSize(1);
    }
}
