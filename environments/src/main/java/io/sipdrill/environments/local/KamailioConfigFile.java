package io.sipdrill.environments.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Finds {@code registrar.cfg}. The one source of truth is {@code environments/kamailio/} in the
 * repository; from a source checkout it is read in place (from the repository root or the module
 * directory, where Maven runs tests), from a packaged jar it is extracted from the classpath when
 * the build bundles that folder under {@link #RESOURCE}.
 */
final class KamailioConfigFile {

    static final String FILE_NAME = "registrar.cfg";
    static final String RESOURCE = "/io/sipdrill/environments/kamailio/" + FILE_NAME;
    private static final List<Path> CHECKOUT_LOCATIONS = List.of(
            Path.of("environments", "kamailio", FILE_NAME),
            Path.of("kamailio", FILE_NAME),
            Path.of("..", "environments", "kamailio", FILE_NAME));

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
        for (Path candidate : CHECKOUT_LOCATIONS) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        try (InputStream bundled = KamailioConfigFile.class.getResourceAsStream(RESOURCE)) {
            if (bundled == null) {
                throw new IOException("kamailio config " + FILE_NAME + " not found in " + CHECKOUT_LOCATIONS
                        + " (relative to " + Path.of("").toAbsolutePath() + ") nor on the classpath at " + RESOURCE
                        + "; pass one with LocalTopologyConfig.withConfigFile");
            }
            Files.createDirectories(runDir);
            Path extracted = runDir.resolve(FILE_NAME);
            Files.copy(bundled, extracted, StandardCopyOption.REPLACE_EXISTING);
            return extracted.toAbsolutePath();
        }
    }
}
