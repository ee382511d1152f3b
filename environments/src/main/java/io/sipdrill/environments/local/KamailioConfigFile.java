package io.sipdrill.environments.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Finds the Kamailio configs. The one source of truth is {@code environments/kamailio/} in the
 * repository; from a source checkout it is read in place (from the repository root or the module
 * directory, where Maven runs tests), from a packaged jar the whole folder is extracted from the
 * classpath (the build bundles it under {@link #RESOURCE_DIR}), because the configs include
 * their shared parts from beside them.
 */
final class KamailioConfigFile {

    static final String FILE_NAME = "registrar.cfg";
    static final String PBX_FILE_NAME = "pbx.cfg";
    static final String RESOURCE_DIR = "/io/sipdrill/environments/kamailio/";
    static final String RESOURCE = RESOURCE_DIR + FILE_NAME;
    /** Every file of the folder: the two main configs and what they include. */
    private static final List<String> BUNDLED = List.of(FILE_NAME, PBX_FILE_NAME, "shared-core.inc", "shared-routes.inc");
    private static final List<Path> CHECKOUT_DIRS = List.of(
            Path.of("environments", "kamailio"),
            Path.of("kamailio"),
            Path.of("..", "environments", "kamailio"));

    private KamailioConfigFile() {
    }

    /** The configured file, else the checkout's, else the bundled copy extracted into {@code runDir}. */
    static Path locate(Optional<Path> configured, Path runDir) throws IOException {
        if (configured.isPresent()) {
            Path file = configured.get();
            if (!Files.isRegularFile(file)) {
                throw new IOException("kamailio config not found: " + file.toAbsolutePath());
            }
            return file.toAbsolutePath();
        }
        for (Path dir : CHECKOUT_DIRS) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        if (KamailioConfigFile.class.getResource(RESOURCE) == null) {
            throw new IOException("kamailio config " + FILE_NAME + " not found in " + CHECKOUT_DIRS
                    + " (relative to " + Path.of("").toAbsolutePath() + ") nor on the classpath at " + RESOURCE
                    + "; pass one with LocalTopologyConfig.withConfigFile");
        }
        Path dir = runDir.resolve("kamailio-config");
        Files.createDirectories(dir);
        for (String name : BUNDLED) {
            try (InputStream bundled = KamailioConfigFile.class.getResourceAsStream(RESOURCE_DIR + name)) {
                if (bundled == null) {
                    throw new IOException("kamailio config " + name + " missing from the classpath at " + RESOURCE_DIR);
                }
                Files.copy(bundled, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir.resolve(FILE_NAME).toAbsolutePath();
    }

    /** {@code pbx.cfg} beside the registrar config found by {@link #locate}: the folder is one unit. */
    static Path pbxBeside(Path registrarConfig) throws IOException {
        Path pbx = registrarConfig.resolveSibling(PBX_FILE_NAME);
        if (!Files.isRegularFile(pbx)) {
            throw new IOException("kamailio config " + PBX_FILE_NAME + " not found beside " + registrarConfig);
        }
        return pbx;
    }
}
