package io.sipdrill.environments.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The containers of a compose stack ({@code environments/docker/compose.yaml}) a run attached to:
 * the user's, so {@link #close()} leaves them running. Found by compose's labels; each must have
 * the addresses sipdrill expects, since a user may have overridden compose's variables.
 *
 * <pre>{@code
 * List<Container> running = AttachedContainers.composeRunning(docker);
 * if (!running.isEmpty()) {
 *     AttachedContainers stack = AttachedContainers.attach(docker, services, running, defaultApi);
 * }
 * }</pre>
 */
final class AttachedContainers implements TopologyContainers {

    static final String PROXY_API = "SIPDRILL_PROXY_API";
    private static final String COMPOSE_UP = "docker-compose -f environments/docker/compose.yaml up -d";

    private final DockerClient docker;
    private final Map<String, DockerService> services;
    private final Map<String, String> ids;
    /** The stack's fault proxy container, if it runs: its API address and id (for its log). */
    private final Optional<Container> faultProxy;
    private final Optional<InetSocketAddress> faultProxyApi;

    private AttachedContainers(DockerClient docker, Map<String, DockerService> services, Map<String, String> ids,
                               Optional<Container> faultProxy, Optional<InetSocketAddress> faultProxyApi) {
        this.docker = docker;
        this.services = services;
        this.ids = ids;
        this.faultProxy = faultProxy;
        this.faultProxyApi = faultProxyApi;
    }

    /**
     * Running containers with compose's topology label that no sipdrill run started (those carry
     * {@code io.sipdrill.run} and belong to that run).
     */
    static List<Container> composeRunning(DockerClient docker) {
        return docker.listContainersCmd().withLabelFilter(Map.of(DockerService.TOPOLOGY_LABEL, DockerService.TOPOLOGY_VALUE))
                .exec().stream()
                .filter(c -> c.getLabels() == null || !c.getLabels().containsKey(DockerService.RUN_LABEL))
                .toList();
    }

    /**
     * Matches each service to a running container by its target label and address variables
     * (several stacks may run side by side on different addresses).
     *
     * @param defaultApi the fault proxy's API when its container does not name it
     * @throws IllegalStateException for a missing service or one on other addresses (one line)
     */
    static AttachedContainers attach(DockerClient docker, List<DockerService> services, List<Container> running,
                                     InetSocketAddress defaultApi) {
        Map<String, DockerService> byTarget = new LinkedHashMap<>();
        Map<String, String> ids = new LinkedHashMap<>();
        for (DockerService service : services) {
            byTarget.put(service.target(), service);
            ids.put(service.target(), match(docker, service, withTarget(running, service.target()), running));
        }
        Optional<Container> proxy = withTarget(running, DockerService.FAULT_PROXY).stream().findFirst();
        Optional<InetSocketAddress> api = proxy.map(c -> Optional.ofNullable(env(docker, c.getId()).get(PROXY_API))
                .map(DockerService::address).orElse(defaultApi));
        return new AttachedContainers(docker, byTarget, ids, proxy, api);
    }

    @Override
    public DockerTopologyConfig.Mode mode() {
        return DockerTopologyConfig.Mode.ATTACH;
    }

    /**
     * The container attached to, or, if compose has re-created it since, the one that now has its
     * target label and addresses (stopped ones included: a killed target is still a target).
     */
    @Override
    public synchronized Optional<String> containerId(String target) {
        if (target.equals(DockerService.FAULT_PROXY)) {
            return faultProxy.map(Container::getId);
        }
        String id = ids.get(target);
        if (id == null) {
            return Optional.empty();
        }
        try {
            docker.inspectContainerCmd(id).exec();
            return Optional.of(id);
        } catch (NotFoundException gone) {
            DockerService service = services.get(target);
            List<Container> all = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(DockerService.TOPOLOGY_LABEL, DockerService.TOPOLOGY_VALUE,
                            DockerService.TARGET_LABEL, target)).exec();
            Optional<String> now = all.stream().map(Container::getId)
                    .filter(candidate -> service.mismatches(env(docker, candidate)).isEmpty()).findFirst();
            now.ifPresent(fresh -> ids.put(target, fresh));
            return now;
        }
    }

    @Override
    public Optional<InetSocketAddress> faultProxyApi() {
        return faultProxyApi;
    }

    /** Nothing to do: the stack is the user's and runs on after this run. */
    @Override
    public void close() {
    }

    private static String match(DockerClient docker, DockerService service, List<Container> candidates,
                                List<Container> running) {
        if (candidates.isEmpty()) {
            String found = running.stream().map(c -> c.getLabels().get(DockerService.TARGET_LABEL))
                    .filter(Objects::nonNull).distinct().collect(Collectors.joining(", "));
            throw new IllegalStateException("the running compose stack has no " + service.target() + " container (it has: "
                    + found + "); start it with " + COMPOSE_UP + ", or take the stack down so sipdrill starts its own");
        }
        List<String> complaints = new ArrayList<>();
        for (Container candidate : candidates) {
            List<String> wrong = service.mismatches(env(docker, candidate.getId()));
            if (wrong.isEmpty()) {
                return candidate.getId();
            }
            complaints.add("compose service " + service.target() + " (container " + name(candidate) + ") has "
                    + String.join(", ", wrong));
        }
        throw new IllegalStateException(String.join("; ", complaints)
                + ": run sipdrill with the stack's addresses, or the stack with sipdrill's");
    }

    private static List<Container> withTarget(List<Container> running, String target) {
        return running.stream().filter(c -> c.getLabels() != null && target.equals(c.getLabels().get(DockerService.TARGET_LABEL)))
                .toList();
    }

    /** A container's environment as a map (Config.Env is {@code NAME=value} strings). */
    static Map<String, String> env(DockerClient docker, String id) {
        String[] env = docker.inspectContainerCmd(id).exec().getConfig().getEnv();
        Map<String, String> map = new LinkedHashMap<>();
        if (env != null) {
            for (String entry : env) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    map.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
        }
        return map;
    }

    private static String name(Container container) {
        String[] names = container.getNames();
        return names != null && names.length > 0 ? names[0].replaceFirst("^/", "") : container.getId().substring(0, 12);
    }
}
