package io.sipdrill.app;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9's safe defaults through the CLI: load above the limits and targets off loopback are bad
 * input (exit 2, one line naming the flag that allows it), refused before anything starts; the
 * fault proxy's API listens on 127.0.0.1 unless told otherwise.
 */
class SafeDefaultsCliTest {

    private static String badInput(String... args) {
        CliCapture.Result r = CliCapture.execute(args);
        assertThat(r.exitCode()).as("exit code of %s; stderr:%n%s", List.of(args), r.err()).isEqualTo(2);
        assertThat(r.errLines()).as("stderr of %s", List.of(args)).hasSize(1);
        assertThat(r.out()).as("nothing started").doesNotContain("starting");
        return r.err();
    }

    @Test
    void moreHandsetsThanOneProcessCarriesAreRefused() {
        assertThat(badInput("run", "--handsets", "200000")).startsWith("sipdrill: error: 200000 handsets in one process")
                .contains("--max-handsets 200000");
    }

    @Test
    void aTimeScaleThatFloodsTheRegistrarIsRefused() {
        assertThat(badInput("run", "registrar-outage", "--time-scale", "3600"))
                .contains("would send up to 30000 REGISTER/s").contains("--max-register-rate 30000");
    }

    @Test
    void aTimeScaleThatNeverEndsIsRefused() {
        assertThat(badInput("run", "registrar-outage", "--handsets", "50", "--time-scale", "0.01"))
                .contains("would run for 66h40m").contains("--max-run-time 66h40m");
        assertThat(badInput("run", "--max-run-time", "forever")).contains("--max-run-time 'forever' is not a duration");
        assertThat(badInput("run", "--max-handsets", "0")).contains("--max-handsets");
    }

    @Test
    void raisedLimitsLetThePlanThroughToTheNextCheck() {
        // Above every default, all raised: refused only by the target guard, which comes later (nothing is run).
        assertThat(badInput("run", "registrar-outage", "--handsets", "200000", "--max-handsets", "200000",
                "--max-register-rate", "70000", "--registrar", "192.0.2.10:5060", "--backup", "192.0.2.11:5060"))
                .contains("--registrar 192.0.2.10:5060 is not a loopback address");
    }

    @Test
    void benchLoadIsBoundedInCountRateAndTime() {
        assertThat(badInput("bench", "register", "--rate", "0.01")).contains("bench --count 60000 at --rate 0.01/s is beyond its bounds")
                .contains("at most 1000000 registrations, 100000/s, 3600 s per tool");
        assertThat(badInput("bench", "register", "--count", "5000000", "--rate", "100000")).contains("beyond its bounds");
        assertThat(badInput("bench", "calls", "--rate", "200000")).contains("at most 1000000 calls, 100000/s");
    }

    @Test
    void aBackupOffLoopbackIsRefusedLikeTheRegistrar() {
        assertThat(badInput("run", "--registrar", "127.0.244.1:5060", "--backup", "192.0.2.11:5060"))
                .contains("--backup 192.0.2.11:5060 is not a loopback address").contains("--allow-target 192.0.2.11/32");
    }

    @Test
    void theProxyApiListensOnLoopbackByDefaultAndOffItOnlyWhenAllowed() {
        ProxyCommand defaults = CommandLine.populateCommand(new ProxyCommand());
        assertThat(defaults.api).as("proxy --api default").isEqualTo("127.0.0.1:8474");
        assertThat(badInput("proxy", "--api", "192.0.2.20:8474"))
                .contains("--api 192.0.2.20:8474 is not a loopback address").contains("--allow-target 192.0.2.20/32");
    }
}
