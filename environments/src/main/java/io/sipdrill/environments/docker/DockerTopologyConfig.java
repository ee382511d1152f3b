package io.sipdrill.environments.docker;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Where {@link DockerTopology} expects its containers and which images it runs. The defaults are
 * {@code environments/docker/compose.yaml}'s: a run attaches to a compose stack started with
 * them, and starts the same containers itself when there is none.
 *
 * <pre>{@code
 * DockerTopologyConfig config = DockerTopologyConfig.defaults()
 *         .withAddresses(new InetSocketAddress("127.0.194.1", 5060), new InetSocketAddress("127.0.195.1", 5060))
 *         .withMode(DockerTopologyConfig.Mode.START);
 * }</pre>
 *
 * @param primary       the primary registrar's UDP listen address (its {@code SIPDRILL_LISTEN})
 * @param backup        the backup POP's UDP listen address
 * @param realm         the digest realm handsets are challenged with (their To domain)
 * @param kamailioImage the registrar/POP image, local only (never pulled)
 * @param pbxImage      the PBX image, local only
 * @param startTimeout  how long a container may take to answer OPTIONS with 200
 * @param children      UDP worker processes per Kamailio ({@code SIPDRILL_CHILDREN})
 * @param faultProxyApi the compose fault proxy's Toxiproxy API, when its container does not say
 *                      ({@code SIPDRILL_PROXY_API})
 * @param mode          attach to a compose stack, start containers, or decide by what is running
 */
public record DockerTopologyConfig(
        InetSocketAddress primary,
        InetSocketAddress backup,
        String realm,
        String kamailioImage,
        String pbxImage,
        Duration startTimeout,
        int children,
        InetSocketAddress faultProxyApi,
        Mode mode) {

    /** How {@link DockerTopology#start()} gets its containers. */
    public enum Mode {
        /** Attach when compose-started containers ({@code io.sipdrill.topology=docker}) run, else start. */
        AUTO,
        /** Use the running compose containers; fail if there are none. */
        ATTACH,
        /** Start containers for this run and remove them on close, whatever else runs. */
        START
    }

    public static final InetSocketAddress DEFAULT_PRIMARY = new InetSocketAddress("127.0.1.1", 5060);
    public static final InetSocketAddress DEFAULT_BACKUP = new InetSocketAddress("127.0.2.1", 5060);
    public static final String DEFAULT_REALM = "sipdrill.test";
    public static final String KAMAILIO_IMAGE = "sipdrill/kamailio:local";
    public static final String PBX_IMAGE = "sipdrill/pbx:local";
    public static final InetSocketAddress DEFAULT_FAULT_PROXY_API = new InetSocketAddress("127.0.5.100", 8474);

    public DockerTopologyConfig {
        if (children < 1) {
            throw new IllegalArgumentException("children must be at least 1: " + children);
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("the start timeout must be positive: " + startTimeout);
        }
    }

    /** compose.yaml's addresses (primary 127.0.1.1, backup 127.0.2.1) and the local images; mode AUTO. */
    public static DockerTopologyConfig defaults() {
        return new DockerTopologyConfig(DEFAULT_PRIMARY, DEFAULT_BACKUP, DEFAULT_REALM, KAMAILIO_IMAGE, PBX_IMAGE,
                Duration.ofSeconds(20), 4, DEFAULT_FAULT_PROXY_API, Mode.AUTO);
    }

    public DockerTopologyConfig withAddresses(InetSocketAddress primary, InetSocketAddress backup) {
        return new DockerTopologyConfig(primary, backup, realm, kamailioImage, pbxImage, startTimeout, children,
                faultProxyApi, mode);
    }

    public DockerTopologyConfig withImages(String kamailioImage, String pbxImage) {
        return new DockerTopologyConfig(primary, backup, realm, kamailioImage, pbxImage, startTimeout, children,
                faultProxyApi, mode);
    }

    public DockerTopologyConfig withStartTimeout(Duration startTimeout) {
        return new DockerTopologyConfig(primary, backup, realm, kamailioImage, pbxImage, startTimeout, children,
                faultProxyApi, mode);
    }

    public DockerTopologyConfig withFaultProxyApi(InetSocketAddress faultProxyApi) {
        return new DockerTopologyConfig(primary, backup, realm, kamailioImage, pbxImage, startTimeout, children,
                faultProxyApi, mode);
    }

    public DockerTopologyConfig withMode(Mode mode) {
        return new DockerTopologyConfig(primary, backup, realm, kamailioImage, pbxImage, startTimeout, children,
                faultProxyApi, mode);
    }
}
