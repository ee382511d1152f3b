package io.sipdrill.chaos.drill.file;

import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.DrillTarget;
import io.sipdrill.chaos.fault.Fault;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every file in drills/ reads and validates; the built-ins as files are the built-in plans; topology checks. */
class DrillsFolderTest {

    static final Path DRILLS = Path.of("..", "drills");

    static final Fault OUTAGE = new Fault() {
        @Override public String name() { return "registrar-outage"; }
        @Override public String target() { return "registrar"; }
        @Override public void inject() { throw new AssertionError("validation must not inject"); }
        @Override public void revert() { }
    };

    /** What the embedded topology offers today: its registrar outage, no proxied links. */
    static DrillTarget embedded() {
        return new DrillTarget("embedded", new InetSocketAddress("127.0.160.1", 5060),
                new InetSocketAddress("127.0.161.1", 5060), "sipdrill.test", Optional.of(OUTAGE));
    }

    private static DrillFile read(String name) {
        return DrillFileParser.parse(DRILLS.resolve(name), "drills/" + name);
    }

    @Test
    void everyDrillFileValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DRILLS)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("registrar-overload.yaml",
                "registrar-latency.yaml", "pbx-cpu-spike.yaml", "backup-pop-down.yaml", "call-load.yaml", "registrar-outage.yaml");
        for (Path f : files) {
            DrillFile d = DrillFileParser.parse(f, "drills/" + f.getFileName());
            assertThat(d.toPlan().duration()).as(f.toString()).isPositive();
        }
    }

    @Test
    void callLoadYamlIsTheBuiltInCallLoad() {
        DrillPlan file = read("call-load.yaml").toPlan();
        DrillPlan builtIn = DrillPlan.callLoad(200, 1);
        assertThat(file.withMethod(null)).isEqualTo(builtIn);
        assertThat(file.method().steps()).isEmpty();
        assertThat(file.method().hypothesis()).isEmpty();
        // What `run drills/call-load.yaml --handsets 100 --no-rtp` plays (CallLoadEndToEndTest runs the plan through the CLI).
        DrillPlan overridden = read("call-load.yaml").toPlan(100, null).withoutRtp();
        assertThat(overridden.handsets()).isEqualTo(100);
        assertThat(overridden.slo()).containsOnlyKeys("calls.answered_pct");
        assertThat(overridden.withMethod(null)).isEqualTo(DrillPlan.callLoad(100, 1).withoutRtp());
    }

    @Test
    void registrarOutageYamlIsTheBuiltInRegistrarOutage() {
        DrillPlan file = read("registrar-outage.yaml").toPlan();
        DrillPlan builtIn = DrillPlan.registrarOutage(500, 20);
        assertThat(file.method().steps()).isEqualTo(builtIn.method().steps());
        assertThat(file.slo()).isEqualTo(builtIn.slo());
        assertThat(List.of(file.handsets(), file.timeScale(), file.mix(), file.ramp(), file.expires(), file.failoverAfter(),
                file.retryDelay(), file.duration()))
                .isEqualTo(List.of(builtIn.handsets(), builtIn.timeScale(), builtIn.mix(), builtIn.ramp(), builtIn.expires(),
                        builtIn.failoverAfter(), builtIn.retryDelay(), builtIn.duration()));
        assertThat(DrillFileCheck.against(read("registrar-outage.yaml"), embedded())).isEmpty();
    }

    @Test
    void aTopologyWithOnlyItsOutageNamesEveryStepItCannotApply() {
        assertThat(DrillFileCheck.against(read("registrar-overload.yaml"), embedded())).containsExactly(
                "drills/registrar-overload.yaml:33: method[0].target: the embedded topology has no target 'pbx-1' (it has: registrar)",
                "drills/registrar-overload.yaml:35: method[1].link: the embedded topology has no link handsets->registrar "
                        + "(it routes nothing through the fault proxy)",
                "drills/registrar-overload.yaml:36: method[2].target: the embedded topology cannot restart pbx "
                        + "(it can only freeze registrar, its registrar outage)",
                "drills/registrar-overload.yaml:37: method[3].target: the embedded topology cannot restart pbx-2 "
                        + "(it can only freeze registrar, its registrar outage)",
                "drills/registrar-overload.yaml:40: method[6].target: the embedded topology cannot restart registrar "
                        + "(it can only freeze registrar, its registrar outage)");
        assertThat(DrillFileCheck.against(read("registrar-latency.yaml"), embedded())).containsExactly(
                "drills/registrar-latency.yaml:16: method[0].link: the embedded topology has no link handsets->registrar "
                        + "(it routes nothing through the fault proxy)");
        assertThat(DrillFileCheck.against(read("call-load.yaml"), embedded())).isEmpty();
    }

    /** With the hosts and links the embedded and local topologies have once calls are on, every drill checks clean. */
    @Test
    void everyDrillChecksCleanAgainstAFullTopology() throws Exception {
        DrillTarget full = new DrillTarget("embedded", new InetSocketAddress("127.0.160.1", 5060),
                new InetSocketAddress("127.0.161.1", 5060), "sipdrill.test", Optional.of(OUTAGE), new FullHosts(),
                new FullLinks());
        try (Stream<Path> files = Files.list(DRILLS)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".yaml")).sorted().toList()) {
                assertThat(DrillFileCheck.against(read(f.getFileName().toString()), full)).as(f.toString()).isEmpty();
            }
        }
    }

    /** The host names of a topology with calls on; every fault a no-op. */
    private static final class FullHosts implements io.sipdrill.chaos.fault.FaultTargets {
        @Override public java.util.Set<String> names() {
            return new java.util.LinkedHashSet<>(List.of("registrar", "backup", "pbx-1", "pbx-2", "backup-pbx-1"));
        }
        @Override public io.sipdrill.chaos.fault.Fault cpuSqueeze(String target, double quota) { return noop(target); }
        @Override public io.sipdrill.chaos.fault.Fault cpuBurn(String target, int workers, double load) { return noop(target); }
        @Override public io.sipdrill.chaos.fault.Fault freeze(String target) { return noop(target); }
        @Override public io.sipdrill.chaos.fault.Fault kill(String target) { return noop(target); }
        @Override public void restart(String target) { }
    }

    /** The two links the handsets take through the fault proxy. */
    private static final class FullLinks implements io.sipdrill.chaos.fault.LinkFaults {
        @Override public java.util.Set<String> links() {
            return java.util.Set.of("handsets->registrar", "handsets->backup");
        }
        @Override public io.sipdrill.chaos.fault.Fault toxic(String link, String type, java.util.Map<String, Object> a,
                                                          io.sipdrill.chaos.fault.LinkFaults.Stream s) {
            return noop(link);
        }
        @Override public io.sipdrill.chaos.fault.Fault down(String link) { return noop(link); }
    }

    private static io.sipdrill.chaos.fault.Fault noop(String target) {
        return new io.sipdrill.chaos.fault.Fault() {
            @Override public String name() { return "noop"; }
            @Override public String target() { return target; }
            @Override public void inject() { }
            @Override public void revert() { }
        };
    }

    @Test
    void anExternalTargetHasNothingToFault() {
        DrillTarget external = new DrillTarget("external", new InetSocketAddress("127.0.160.1", 5060),
                new InetSocketAddress("127.0.161.1", 5060), "sipdrill.test", Optional.empty());
        assertThat(DrillFileCheck.against(read("registrar-outage.yaml"), external)).containsExactly(
                "drills/registrar-outage.yaml:16: method[0].target: the external topology has no target 'registrar' (it has: none)");
    }
}
