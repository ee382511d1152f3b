package io.sipdrill.environments.docker;

import io.sipdrill.environments.CallRoles;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One Kamailio container of the docker topology as compose.yaml declares it: its target name
 * (also its {@code io.sipdrill.target} label), image, listen address and the {@code SIPDRILL_*}
 * variables its entry point ({@code environments/docker/sipdrill-kamailio}) turns into the command
 * line --env local runs. {@link #plan} makes the topology's list, in target order.
 *
 * <pre>{@code
 * List<DockerService> services = DockerService.plan(DockerTopologyConfig.defaults(), null);
 * // registrar on 127.0.1.1:5060 (SIPDRILL_ROLE=registrar), backup on 127.0.2.1:5060
 * }</pre>
 *
 * @param target the drill files' name for it: {@code registrar}, {@code backup}, {@code pbx-1}, …
 * @param image  a local image
 * @param listen its {@code SIPDRILL_LISTEN} on the host's loopback (host networking)
 * @param env    every {@code SIPDRILL_*} variable, {@code SIPDRILL_LISTEN} included
 */
record DockerService(String target, String image, InetSocketAddress listen, Map<String, String> env) {

    static final String REGISTRAR = "registrar";
    static final String BACKUP = "backup";
    /** compose.yaml's fault proxy service: not a Kamailio, not a fault target. */
    static final String FAULT_PROXY = "fault-proxy";

    /** Labels compose.yaml puts on every container; sipdrill's own containers carry them too. */
    static final String TOPOLOGY_LABEL = "io.sipdrill.topology";
    static final String TOPOLOGY_VALUE = "docker";
    static final String TARGET_LABEL = "io.sipdrill.target";
    /** Only on containers sipdrill started for a run (its id): attaching never picks those. */
    static final String RUN_LABEL = "io.sipdrill.run";

    static final String LISTEN = "SIPDRILL_LISTEN";
    /**
     * The variables whose values are addresses sipdrill relies on, the listen address first (the
     * one users override most): an attached container must have the ones sipdrill would give it
     * (its role, name and worker count may differ).
     */
    static final List<String> ADDRESS_VARIABLES = List.of(LISTEN, "SIPDRILL_POP", "SIPDRILL_PBXS", "SIPDRILL_CARRIER",
            "SIPDRILL_VOICEMAIL");

    DockerService {
        env = Map.copyOf(env);
    }

    /**
     * The topology's containers: registrar and backup ({@code SIPDRILL_ROLE=registrar}), or with
     * {@code calls} two call-routing POPs ({@code pop}) and a PBX container per PBX instance.
     */
    static List<DockerService> plan(DockerTopologyConfig config, CallRoles calls) {
        List<DockerService> services = new ArrayList<>();
        if (calls == null) {
            services.add(kamailio(REGISTRAR, config, config.primary(), Map.of("SIPDRILL_ROLE", "registrar")));
            services.add(kamailio(BACKUP, config, config.backup(), Map.of("SIPDRILL_ROLE", "registrar")));
            return List.copyOf(services);
        }
        services.add(kamailio(REGISTRAR, config, config.primary(), pop(calls.primaryPbxs(), calls.carrier())));
        services.add(kamailio(BACKUP, config, config.backup(), pop(calls.backupPbxs(), calls.carrier())));
        addPbxs(services, "pbx", config, calls.primaryPbxs(), config.primary(), calls.primaryVoicemail(), calls);
        addPbxs(services, "backup-pbx", config, calls.backupPbxs(), config.backup(), calls.backupVoicemail(), calls);
        return List.copyOf(services);
    }

    /** Labels as compose.yaml sets them. */
    Map<String, String> composeLabels() {
        return Map.of(TOPOLOGY_LABEL, TOPOLOGY_VALUE, TARGET_LABEL, target);
    }

    /**
     * The address variables of {@code actual} (a running container's environment) that differ
     * from ours, as {@code NAME=actual (sipdrill expects expected)}; empty when it fits.
     */
    List<String> mismatches(Map<String, String> actual) {
        List<String> wrong = new ArrayList<>();
        for (String name : ADDRESS_VARIABLES) {
            String expected = env.get(name);
            String found = actual.get(name);
            if (expected != null && !expected.equals(found)) {
                wrong.add(name + "=" + (found == null ? "(unset)" : found) + " (sipdrill expects " + expected + ")");
            }
        }
        return wrong;
    }

    String hostPort() {
        return hostPort(listen);
    }

    static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** {@code IP:PORT} (as the SIPDRILL_* variables write addresses) as a socket address. */
    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not IP:PORT: " + hostPort);
        }
        return new InetSocketAddress(hostPort.substring(0, colon).replaceAll("^\\[|]$", ""),
                Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static Map<String, String> pop(List<InetSocketAddress> pbxs, InetSocketAddress carrier) {
        return Map.of("SIPDRILL_ROLE", "pop",
                "SIPDRILL_PBXS", pbxs.stream().map(DockerService::hostPort).collect(Collectors.joining(",")),
                "SIPDRILL_CARRIER", hostPort(carrier));
    }

    private static void addPbxs(List<DockerService> services, String prefix, DockerTopologyConfig config,
                                List<InetSocketAddress> pbxs, InetSocketAddress pop, InetSocketAddress voicemail,
                                CallRoles calls) {
        for (int i = 0; i < pbxs.size(); i++) {
            Map<String, String> pbx = Map.of("SIPDRILL_ROLE", "pbx",
                    "SIPDRILL_POP", hostPort(pop),
                    "SIPDRILL_VOICEMAIL", hostPort(voicemail),
                    "SIPDRILL_CARRIER", hostPort(calls.carrier()),
                    "SIPDRILL_NO_ANSWER_MS", Long.toString(calls.noAnswer().toMillis()));
            services.add(service(prefix + "-" + (i + 1), config.pbxImage(), config, pbxs.get(i), pbx));
        }
    }

    private static DockerService kamailio(String target, DockerTopologyConfig config, InetSocketAddress listen,
                                          Map<String, String> role) {
        return service(target, config.kamailioImage(), config, listen, role);
    }

    private static DockerService service(String target, String image, DockerTopologyConfig config,
                                         InetSocketAddress listen, Map<String, String> role) {
        Map<String, String> env = new LinkedHashMap<>(role);
        env.put(LISTEN, hostPort(listen));
        // compose.yaml's names: the registrar's instance is "primary", as on --env local (log prefix, Server header).
        env.put("SIPDRILL_NAME", target.equals(REGISTRAR) ? "primary" : target);
        env.put("SIPDRILL_CHILDREN", Integer.toString(config.children()));
        return new DockerService(target, image, listen, env);
    }
}
