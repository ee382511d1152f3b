package io.sipdrill.load.gatling.internal;

import io.sipdrill.load.gatling.SipConfigurationException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigurationFailureTest {

    @Test
    void recognisesOnlyTheBuildPluginsForkLauncher() {
        assertThat(ConfigurationFailure.forkedByBuildPlugin("io.gatling.plugin.util.ForkMain")).isTrue();
        assertThat(ConfigurationFailure.forkedByBuildPlugin("io.gatling.plugin.util.ForkMain /tmp/args.txt")).isTrue();
        // what gatling-maven-plugin 4.20.16 runs (seen in a forked JVM's sun.java.command)
        assertThat(ConfigurationFailure.forkedByBuildPlugin(
                "/tmp/gatlingbooter18327590493725094517.jar io.gatling.app.Gatling")).isTrue();
        assertThat(ConfigurationFailure.forkedByBuildPlugin("/opt/app/sipdrill.jar run")).isFalse();
        assertThat(ConfigurationFailure.forkedByBuildPlugin("io.sipdrill.app.Sipdrill run")).isFalse();
        assertThat(ConfigurationFailure.forkedByBuildPlugin("org.apache.maven.surefire.booter.ForkedBooter x")).isFalse();
        assertThat(ConfigurationFailure.forkedByBuildPlugin(null)).isFalse();
    }

    @Test
    void elsewhereTheProblemIsThrownAsItIs() {
        SipConfigurationException problem = new SipConfigurationException("feeder file x.csv does not exist");
        // this test JVM is surefire's, not the plugin's fork: fail() throws rather than exits
        assertThatThrownBy(() -> ConfigurationFailure.fail(problem)).isSameAs(problem);
    }

    @Test
    void theReportIsTheOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfigurationFailure.report(new SipConfigurationException("registrar 'x:0': port 0 is out of range 1-65535"),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("sipdrill: registrar 'x:0': port 0 is out of range 1-65535" + System.lineSeparator());
    }
}
