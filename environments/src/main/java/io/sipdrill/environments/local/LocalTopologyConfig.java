package io.sipdrill.environments.local;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how {@link LocalTopology} runs its two Kamailio instances.
 *
 * @param primary      the primary registrar's UDP listen address
 * @param backup       the backup POP's UDP listen address
 * @param runDir       per-run folder: each instance gets {@code kamailio-<name>/} with its log and pid file
 * @param kamailio     the kamailio binary
 * @param configFile   the {@code registrar.cfg} template; empty means "find it" (see {@link KamailioConfigFile})
 * @param realm        the digest realm handsets are challenged with (their To domain)
 * @param children     UDP worker processes per instance
 * @param startTimeout how long an instance may take to answer OPTIONS with 200
 * @param stopGrace    how long SIGTERM gets before SIGKILL
 */
public record LocalTopologyConfig(
        InetSocketAddress primary,
        InetSocketAddress backup,
        Path runDir,
        Path kamailio,
        Optional<Path> configFile,
        String realm,
        int children,
        Duration startTimeout,
        Duration stopGrace) {

    public static final InetSocketAddress DEFAULT_PRIMARY = new InetSocketAddress("127.0.1.1", 5060);
    public static final InetSocketAddress DEFAULT_BACKUP = new InetSocketAddress("127.0.2.1", 5060);
    public static final Path DEFAULT_KAMAILIO = Path.of("/usr/sbin/kamailio");
    public static final String DEFAULT_REALM = "sipdrill.test";

    /** The architecture's addresses (primary 127.0.1.1, backup 127.0.2.1), logs under {@code runDir}. */
    public static LocalTopologyConfig defaults(Path runDir) {
        return new LocalTopologyConfig(DEFAULT_PRIMARY, DEFAULT_BACKUP, runDir, DEFAULT_KAMAILIO, Optional.empty(),
                DEFAULT_REALM, 4, Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    public LocalTopologyConfig withAddresses(InetSocketAddress primary, InetSocketAddress backup) {
        return new LocalTopologyConfig(primary, backup, runDir, kamailio, configFile, realm, children, startTimeout, stopGrace);
    }

    public LocalTopologyConfig withKamailio(Path kamailio) {
        return new LocalTopologyConfig(primary, backup, runDir, kamailio, configFile, realm, children, startTimeout, stopGrace);
    }

    public LocalTopologyConfig withConfigFile(Path configFile) {
        return new LocalTopologyConfig(primary, backup, runDir, kamailio, Optional.of(configFile), realm, children, startTimeout, stopGrace);
    }
}
