package io.sipdrill.app.bench;

import io.sipdrill.chaos.drill.CallPlan;
import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.local.LocalTopology;
import io.sipdrill.environments.local.LocalTopologyConfig;
import io.sipdrill.load.sip.call.Media;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plumbing of {@code bench calls}, not its numbers: both sides complete every call through the
 * Kamailio POP and PBX the bench uses, and SIPp's statistics are read back. On the bench's own
 * addresses (the default topology's), so it runs alone like the CLI drill tests.
 */
@Tag("kamailio")
@Tag("sipp")
class BenchCallsPlumbingTest {

    private static final InetSocketAddress CARRIER = CallPlan.DEFAULT_CARRIER;
    private static LocalTopology topology;

    @BeforeAll
    static void startPopAndPbx(@TempDir Path runDir) throws Exception {
        topology = new LocalTopology(LocalTopologyConfig.defaults(runDir));
        topology.enableCalls(CallRoles.defaults(CARRIER), Media.NONE);
        topology.start();
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    @Test
    void sipdrillsCallersCompleteEveryCallThroughThePopAndPbx() throws Exception {
        BenchResult r = SipdrillCallLoad.onEngine(pop(), CARRIER, 200, 100);

        assertThat(r.failuresPct()).as("failed calls %%").isZero();
        assertThat(r.rate()).as("calls/s").isPositive();
        assertThat(r.p99Ms()).as("setup p99 ms, second half").isPositive();
        assertThat(r.cpuUsPerOp()).as("cpu µs per call").isPositive();
    }

    @Test
    void sippsUacAndUasCompleteEveryCallThroughThePopAndPbx() throws Exception {
        Path dir = Path.of("target", "bench-calls-plumbing"); // kept: SIPp's logs explain a failure
        BenchResult r = SippCallLoad.run(pop(), CARRIER, 200, 100, dir);

        assertThat(r.failuresPct()).as("failed calls %% (see %s)", dir).isZero();
        assertThat(r.cpuTotalS()).as("uac + uas CPU s").isPositive();
        assertThat(r.rssMb()).as("uac + uas peak RSS").isPositive();
        assertThat(r.p99Ms()).as("setup p99 ms from SIPp's rtt file").isNotNaN();
    }

    private static InetSocketAddress pop() {
        return topology.endpoints().primary().address();
    }
}
