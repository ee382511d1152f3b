package io.sipdrill.environments.docker;

import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.Endpoints;
import io.sipdrill.load.sip.call.Media;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A started {@link DockerTopology} (start mode: its own containers, whatever compose stack runs)
 * for a test class, closed after all its tests. Runs {@code environments/docker/build-images.sh
 * kamailio} first when the repository has it (it reuses images that exist); disables the tests,
 * saying so, only when no Docker daemon answers.
 *
 * <pre>{@code
 * @RegisterExtension
 * static DockerTopologyExtension docker = DockerTopologyExtension.onBlocks("127.0.194", "127.0.195");
 *
 * @Test void registers() {
 *     InetSocketAddress primary = docker.endpoints().primary().address();   // 127.0.194.1:5060
 * }
 * }</pre>
 */
public final class DockerTopologyExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

    private static final long BUILD_TIMEOUT_MINUTES = 20;
    /** Whether a daemon answered, asked once per JVM. */
    private static Boolean dockerAnswers;
    private static boolean imagesBuilt;

    private final DockerTopologyConfig config;
    private final CallRoles calls;
    private DockerTopology topology;

    private DockerTopologyExtension(DockerTopologyConfig config, CallRoles calls) {
        this.config = config;
        this.calls = calls;
    }

    /** Primary on {@code primaryBlock.1:5060}, backup on {@code backupBlock.1:5060}, no call side. */
    public static DockerTopologyExtension onBlocks(String primaryBlock, String backupBlock) {
        return new DockerTopologyExtension(DockerTopologyConfig.defaults()
                .withAddresses(new InetSocketAddress(primaryBlock + ".1", 5060), new InetSocketAddress(backupBlock + ".1", 5060))
                .withMode(DockerTopologyConfig.Mode.START), null);
    }

    /** The call side too, on the same blocks ({@link CallRoles#onBlocks}): PBX containers and voicemails. */
    public DockerTopologyExtension withCalls(CallRoles roles) {
        return new DockerTopologyExtension(config, roles);
    }

    /** The config changed by {@code change} (the mode stays START unless changed). */
    public DockerTopologyExtension configured(UnaryOperator<DockerTopologyConfig> change) {
        return new DockerTopologyExtension(change.apply(config), calls);
    }

    public DockerTopology topology() {
        if (topology == null) {
            throw new IllegalStateException("the docker topology starts before all tests of the class");
        }
        return topology;
    }

    public Endpoints endpoints() {
        return topology().endpoints();
    }

    public DockerTopologyConfig config() {
        return config;
    }

    public Optional<CallRoles> calls() {
        return Optional.ofNullable(calls);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (dockerAnswers()) {
            return ConditionEvaluationResult.enabled("a Docker daemon answers");
        }
        String reason = "no Docker daemon answers (start dockerd): docker topology tests skipped";
        System.out.println(context.getDisplayName() + ": " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        buildImages();
        DockerTopology started = new DockerTopology(config);
        if (calls != null) {
            started.enableCalls(calls, Media.NONE);
        }
        started.start();
        topology = started;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (topology != null) {
            topology.close();
            topology = null;
        }
    }

    private static synchronized boolean dockerAnswers() {
        if (dockerAnswers == null) {
            dockerAnswers = DockerClientFactory.instance().isDockerAvailable();
        }
        return dockerAnswers;
    }

    /** {@code build-images.sh kamailio} once per JVM (about a second when nothing changed). */
    static synchronized void buildImages() throws IOException, InterruptedException {
        if (imagesBuilt) {
            return;
        }
        Path script = ComposeFile.dockerDir().resolve("build-images.sh");
        Process build = new ProcessBuilder("bash", script.toString(), "kamailio")
                .directory(ComposeFile.repoRoot().toFile()).inheritIO().start();
        if (!build.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            throw new IllegalStateException(script + " kamailio took longer than " + BUILD_TIMEOUT_MINUTES + " minutes");
        }
        if (build.exitValue() != 0) {
            throw new IllegalStateException(script + " kamailio failed with exit code " + build.exitValue());
        }
        imagesBuilt = true;
    }
}
