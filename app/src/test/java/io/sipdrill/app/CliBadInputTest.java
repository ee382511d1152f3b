package io.sipdrill.app;

import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input: exit code 2 and exactly one line on stderr that names the problem. */
class CliBadInputTest {

    private static CliCapture.Result badInput(String... args) {
        CliCapture.Result r = CliCapture.execute(args);
        assertThat(r.exitCode()).as("exit code of %s; stderr:%n%s", List.of(args), r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).as("stderr of %s", List.of(args)).hasSize(1);
        assertThat(r.err()).startsWith("sipdrill: error: ");
        return r;
    }

    @Test
    void zeroHandsets() {
        assertThat(badInput("run", "--handsets", "0").err()).contains("--handsets").contains("at least 1");
    }

    @Test
    void unknownEnvironment() {
        assertThat(badInput("run", "--env", "nowhere").err()).contains("--env nowhere").contains("embedded");
    }

    @Test
    void nonLoopbackTargetWithoutAllowTarget() {
        String err = badInput("run", "--registrar", "192.0.2.10:5060", "--backup", "127.0.0.1:5070").err();
        assertThat(err).contains("--registrar").contains("192.0.2.10").contains("--allow-target");
    }

    @Test
    void popBlocksOutsideLoopback() {
        assertThat(badInput("run", "--pop-blocks", "192.0.2,127.0.231").err()).contains("--pop-blocks").contains("loopback");
    }

    @Test
    void popBlocksNeedTwoDifferentBlocks() {
        assertThat(badInput("run", "--pop-blocks", "127.0.230").err()).contains("--pop-blocks").contains("two blocks");
        assertThat(badInput("run", "--pop-blocks", "127.0.230,127.0.230").err()).contains("different blocks");
    }

    @Test
    void popBlocksWithExternalTargets() {
        assertThat(badInput("run", "--pop-blocks", "127.0.230,127.0.231", "--registrar", "127.0.230.1:5060",
                "--backup", "127.0.231.1:5060").err()).contains("--pop-blocks").contains("--registrar");
    }

    @Test
    void zeroTimeScale() {
        assertThat(badInput("run", "--time-scale", "0").err()).contains("--time-scale");
    }

    @Test
    void callsForWithoutTheCallDrill() {
        assertThat(badInput("run", "--calls-for", "10").err()).contains("--calls-for").contains("call-load");
    }

    @Test
    void zeroCallsFor() {
        assertThat(badInput("run", "call-load", "--calls-for", "0").err()).contains("--calls-for").contains("between 1 and 3600");
    }

    @Test
    void missingJournal() {
        assertThat(badInput("report", "/nonexistent/journal.jsonl").err())
                .contains("/nonexistent/journal.jsonl").contains("does not exist");
    }

    @Test
    void registrarPortAlreadyInUse() {
        InetSocketAddress primary = new InetSocketAddress("127.0.1.1", 5060);
        DatagramSocket held = null;
        try {
            held = new DatagramSocket(primary);
        } catch (SocketException somethingElseHoldsIt) {
            // Another process has it: the CLI must refuse just the same.
        }
        try {
            String err = badInput("run", "--handsets", "5").err();
            assertThat(err).contains("in use").contains("127.0.1.1:5060");
        } finally {
            if (held != null) {
                held.close();
            }
        }
    }

    // --- TargetGuard ---

    private static final TargetGuard LOOPBACK_ONLY = new TargetGuard(List.of());

    @Test
    void loopbackTargetsAreAccepted() throws Exception {
        assertThat(LOOPBACK_ONLY.check("--registrar", "127.0.0.1:5060"))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5060));
        assertThat(LOOPBACK_ONLY.check("--backup", "127.9.9.9:5070"))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("127.9.9.9"), 5070));
        assertThat(LOOPBACK_ONLY.check("--backup", "127.9.9.9"))
                .as("port defaults to 5060").extracting(InetSocketAddress::getPort).isEqualTo(5060);
        InetSocketAddress v6 = LOOPBACK_ONLY.check("--registrar", "::1");
        assertThat(v6.getAddress().isLoopbackAddress()).isTrue();
        assertThat(v6.getPort()).isEqualTo(5060);
    }

    @Test
    void nonLoopbackTargetIsRefused() {
        assertThatThrownBy(() -> LOOPBACK_ONLY.check("--registrar", "192.0.2.10:5060"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("192.0.2.10")
                .hasMessageContaining("--allow-target");
    }

    @Test
    void nonLoopbackTargetIsAcceptedInsideAnAllowedBlock() throws Exception {
        TargetGuard guard = new TargetGuard(List.of("192.0.2.0/24"));
        assertThat(guard.check("--registrar", "192.0.2.10:5060"))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.10"), 5060));
        assertThat(guard.check("--backup", "127.0.0.1:5070").getPort()).isEqualTo(5070);
        assertThatThrownBy(() -> guard.check("--registrar", "192.0.3.10:5060"))
                .as("just outside the block").isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> guard.check("--registrar", "198.51.100.1"))
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void allowTargetOnTheCommandLineLetsTheGuardPass() {
        // The guard is what refused 192.0.2.10 above; with the block allowed the run gets past it and
        // fails later for another reason (here: the backup is missing), still as bad input.
        String err = badInput("run", "--registrar", "192.0.2.10:5060", "--allow-target", "192.0.2.0/24").err();
        assertThat(err).contains("--backup").doesNotContain("not a loopback");
    }

    @Test
    void badCidrIsBadInput() {
        assertThatThrownBy(() -> new TargetGuard(List.of("192.0.2.0/33")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("192.0.2.0/33");
        assertThatThrownBy(() -> new TargetGuard(List.of("192.0.2.0/abc")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("192.0.2.0/abc");
        assertThatThrownBy(() -> new TargetGuard(List.of("192.0.2.0/-1")))
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void badCidrOnTheCommandLineExitsTwo() {
        assertThat(badInput("run", "--registrar", "192.0.2.10:5060", "--backup", "127.0.0.1:5070",
                "--allow-target", "192.0.2.0/33").err()).contains("--allow-target").contains("192.0.2.0/33").contains("not an address block");
    }
}
