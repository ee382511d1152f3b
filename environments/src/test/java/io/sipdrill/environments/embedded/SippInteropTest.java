package io.sipdrill.environments.embedded;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** SIPp (Debian's sip-tester) registers against the embedded registrar: an independent client's view of our digest and REGISTER handling. */
@Tag("sipp")
class SippInteropTest {

    private static final Path SIPP = Path.of("/usr/bin/sipp");
    private static final String SIPP_HOST = "127.0.3.250";
    private static final int REGISTRATIONS_PER_USER = 20;

    @TempDir
    Path workDir;
    private EmbeddedRegistrar registrar;

    @BeforeEach
    void startRegistrar() {
        assumeTrue(Files.isExecutable(SIPP), "SIPp not installed (apt-get install sip-tester)");
        registrar = new EmbeddedRegistrar(RegistrarConfig.defaults("primary", TestAddresses.freeUdp(TestAddresses.PRIMARY_HOST)));
        registrar.start();
    }

    @AfterEach
    void stopRegistrar() {
        if (registrar != null) {
            registrar.close();
        }
    }

    @Test
    void sippRegistersWithDigestAuth() throws Exception {
        List<String> users = List.of("7001", "7002", "7003");
        List<Process> runs = new ArrayList<>();
        for (String user : users) {
            runs.add(sipp(user, "pw-" + user));
        }

        for (int i = 0; i < runs.size(); i++) {
            Process p = runs.get(i);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("SIPp for %s finished", users.get(i)).isTrue();
            assertThat(p.exitValue()).as("SIPp exit code for %s; errors:%n%s", users.get(i), errors(users.get(i)))
                    .isZero();
        }

        assertThat(registrar.registrationsAccepted()).as("every SIPp call ended in 200 OK")
                .isEqualTo((long) users.size() * REGISTRATIONS_PER_USER);
        assertThat(registrar.registeredCount()).isEqualTo(users.size());
        assertThat(users).allMatch(registrar::isRegistered);
        assertThat(registrar.requestsDropped()).isZero();
    }

    @Test
    void sippWithWrongPasswordFails() throws Exception {
        Process p = sipp("7009", "wrong");

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("SIPp sees 403 where it expects 200").isNotZero();
        assertThat(registrar.isRegistered("7009")).isFalse();
    }

    private Process sipp(String user, String password) throws IOException, URISyntaxException {
        InetSocketAddress local = TestAddresses.freeUdp(SIPP_HOST);
        InetSocketAddress target = registrar.address();
        List<String> cmd = List.of(SIPP.toString(),
                "-sf", scenario().toString(),
                "-s", user, "-au", user, "-ap", password,
                "-i", SIPP_HOST, "-bind_local", "-p", Integer.toString(local.getPort()),
                "-m", Integer.toString(REGISTRATIONS_PER_USER), "-r", "50", "-l", "10",
                // Abort a call on an unexpected response (403, 423), but send no BYE: REGISTER makes no dialog.
                "-default_behaviors", "abortunexp", "-nostdin",
                "-timeout", "30s", "-timeout_error",
                "-trace_err", "-error_file", errorFile(user).toString(),
                target.getAddress().getHostAddress() + ":" + target.getPort());
        return new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("sipp-" + user + ".out").toFile())
                .redirectErrorStream(true)
                .start();
    }

    private Path scenario() throws URISyntaxException {
        return Path.of(getClass().getResource("/sipp/uac-register.xml").toURI());
    }

    private Path errorFile(String user) {
        return workDir.resolve("sipp-" + user + "-errors.log");
    }

    private String errors(String user) throws IOException {
        Path f = errorFile(user);
        return Files.exists(f) ? Files.readString(f) : "(no error file)";
    }
}
