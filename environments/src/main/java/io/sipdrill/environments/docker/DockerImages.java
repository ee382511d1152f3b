package io.sipdrill.environments.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that the images the topology runs are in the local Docker: nothing is ever pulled (these
 * are built here, and there may be no registry), so a missing one is a one-line hint instead.
 */
final class DockerImages {

    static final String BUILD_HINT = "run environments/docker/build-images.sh";

    private DockerImages() {
    }

    /** @throws IllegalStateException naming every missing image and how to build them */
    static void requirePresent(DockerClient docker, Collection<String> images) {
        Set<String> missing = new LinkedHashSet<>();
        for (String image : new LinkedHashSet<>(images)) {
            try {
                docker.inspectImageCmd(image).exec();
            } catch (NotFoundException e) {
                missing.add(image);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("docker image" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " not found: " + BUILD_HINT + " (sipdrill never pulls them)");
        }
    }

    static List<String> of(List<DockerService> services) {
        return services.stream().map(DockerService::image).distinct().toList();
    }
}
