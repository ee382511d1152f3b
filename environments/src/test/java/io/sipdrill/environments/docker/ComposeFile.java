package io.sipdrill.environments.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Where environments/docker is, from a test's working directory (the module, or the repository root). */
public final class ComposeFile {

    /**
     * {@code ${NAME}}, {@code ${NAME:-default}} or {@code ${NAME-default}}: group 1 the name, group 2
     * the operator ({@code :-}, {@code -} or none), group 3 the default.
     */
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?}");

    private ComposeFile() {
    }

    /** The repository root: the nearest folder up from the working directory holding environments/docker/compose.yaml. */
    public static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("environments/docker/compose.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no environments/docker/compose.yaml above " + Path.of("").toAbsolutePath());
    }

    public static Path dockerDir() {
        return repoRoot().resolve("environments/docker");
    }

    static Path composeYaml() {
        return dockerDir().resolve("compose.yaml");
    }
}
