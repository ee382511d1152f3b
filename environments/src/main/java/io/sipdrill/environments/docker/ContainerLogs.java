package io.sipdrill.environments.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A container's output so far (stdout and stderr, as {@code docker logs} shows it) into a file. */
final class ContainerLogs {

    private static final long TIMEOUT_SECONDS = 30;

    private ContainerLogs() {
    }

    static void copy(DockerClient docker, String containerId, Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(false)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            try {
                                out.write(frame.getPayload());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    }).awaitCompletion(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
