package io.sipdrill.chaos.fault.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Statistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A throw-away container for the fault tests: a Debian base ({@link #image}) running {@code sleep
 * infinity} under Docker's init (so SIGTERM stops it at once and orphans are reaped), on the host
 * network, with a unique name; and the {@link ContainerLookup} a topology would give for it.
 */
final class SleepingContainer implements ContainerLookup, AutoCloseable {

    /** The bases the docker images build on: the local one build-base.sh makes, or Debian's from a registry. */
    private static final List<String> BASES = List.of("sipdrill/base:bookworm", "debian:bookworm-slim");
    private static String image;
    private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(10);

    private final DockerClient docker;
    private final String target;
    private final String name = "sipdrill-test-faults-" + UUID.randomUUID().toString().substring(0, 8);
    private final String id;
    private final AtomicInteger healthChecks = new AtomicInteger();

    SleepingContainer(DockerClient docker, String target) {
        this.docker = docker;
        this.target = target;
        this.id = docker.createContainerCmd(image(docker))
                .withName(name)
                .withCmd("sleep", "infinity")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host").withInit(true))
                .exec().getId();
        docker.startContainerCmd(id).exec();
    }

    /**
     * A base image that is there; without one (a fresh machine before .ci/run built the images)
     * environments/docker/build-base.sh makes it, as build-images.sh would (debootstrap, about a minute).
     */
    static synchronized String image(DockerClient docker) {
        if (image != null) {
            return image;
        }
        for (String base : BASES) {
            if (present(docker, base)) {
                return image = base;
            }
        }
        Path script = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && script == null; dir = dir.getParent()) {
            Path candidate = dir.resolve("environments/docker/build-base.sh");
            script = Files.isExecutable(candidate) ? candidate : null;
        }
        if (script == null) {
            throw new IllegalStateException("no base image (" + BASES + ") and no environments/docker/build-base.sh to make one");
        }
        try {
            Process p = new ProcessBuilder(script.toString(), BASES.get(0)).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(script + " failed: the container fault tests need " + BASES.get(0));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making " + BASES.get(0), e);
        }
        return image = BASES.get(0);
    }

    private static boolean present(DockerClient docker, String name) {
        try {
            docker.inspectImageCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    String id() {
        return id;
    }

    InspectContainerResponse inspect() {
        return docker.inspectContainerCmd(id).exec();
    }

    boolean running() {
        return Boolean.TRUE.equals(inspect().getState().getRunning());
    }

    boolean paused() {
        return Boolean.TRUE.equals(inspect().getState().getPaused());
    }

    String startedAt() {
        return inspect().getState().getStartedAt();
    }

    long cpuQuota() {
        return inspect().getHostConfig().getCpuQuota();
    }

    long cpuPeriod() {
        return inspect().getHostConfig().getCpuPeriod();
    }

    /** How many times a fault waited for the target to be healthy. */
    int healthChecks() {
        return healthChecks.get();
    }

    /** The command lines running in the container, as {@code docker top} lists them. */
    List<String> processes() {
        TopContainerResponse top = docker.topContainerCmd(id).exec();
        int cmd = Arrays.asList(top.getTitles()).indexOf("CMD");
        return Arrays.stream(top.getProcesses()).map(row -> row[cmd]).toList();
    }

    /**
     * The container's CPU use as {@code docker stats} computes it: the usage between the daemon's
     * two latest samples (about a second apart, both taken after the call) over the time between
     * them, and the CFS periods it was throttled in so far.
     */
    CpuUse cpuUse() throws InterruptedException {
        AtomicReference<Statistics> sample = new AtomicReference<>();
        docker.statsCmd(id).withNoStream(true).exec(new ResultCallback.Adapter<Statistics>() {
            @Override
            public void onNext(Statistics statistics) {
                sample.compareAndSet(null, statistics);
            }
        }).awaitCompletion(10, TimeUnit.SECONDS);
        Statistics s = sample.get();
        long usedNanos = s.getCpuStats().getCpuUsage().getTotalUsage() - s.getPreCpuStats().getCpuUsage().getTotalUsage();
        long wallNanos = Duration.between(Instant.parse(s.getPreread()), Instant.parse(s.getRead())).toNanos();
        Long throttled = s.getCpuStats().getThrottlingData() == null ? null : s.getCpuStats().getThrottlingData().getThrottledPeriods();
        return new CpuUse((double) usedNanos / wallNanos, throttled == null ? 0 : throttled);
    }

    /** Cores used over about a second, and the periods throttled since the container started. */
    record CpuUse(double cores, long throttledPeriods) {
    }

    @Override
    public Set<String> names() {
        return Set.of(target);
    }

    @Override
    public Optional<String> containerId(String name) {
        return target.equals(name) ? Optional.of(id) : Optional.empty();
    }

    /** Healthy is running and not paused: the test container has no SIP to ask. */
    @Override
    public void awaitHealthy(String name) throws InterruptedException {
        healthChecks.incrementAndGet();
        long deadline = System.nanoTime() + HEALTHY_TIMEOUT.toNanos();
        while (!running() || paused()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not running " + HEALTHY_TIMEOUT.toSeconds() + " s after a start");
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        try {
            if (paused()) {
                docker.unpauseContainerCmd(id).exec();
            }
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (NotFoundException gone) {
            // Removed already.
        }
    }
}
