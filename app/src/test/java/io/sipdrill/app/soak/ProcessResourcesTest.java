package io.sipdrill.app.soak;

import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Descriptors and sockets as /proc/self/fd lists them: a socket opened counts as one of each, a file as a descriptor only. */
class ProcessResourcesTest {

    @Test
    void anOpenSocketIsCountedAsADescriptorAndASocket() throws Exception {
        ProcessResources.Descriptors before = ProcessResources.descriptors();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.244.1", 0));
             var file = Files.newByteChannel(Path.of("pom.xml"))) {
            ProcessResources.Descriptors open = ProcessResources.descriptors();
            // Other threads of the test JVM may open or close descriptors meanwhile; ours are two of them.
            assertThat(open.sockets() - before.sockets()).as("sockets: %s → %s", before, open).isGreaterThanOrEqualTo(1);
            assertThat(open.fds() - before.fds()).as("descriptors: %s → %s", before, open).isGreaterThanOrEqualTo(2);
            assertThat(open.sockets()).as("sockets are descriptors").isLessThanOrEqualTo(open.fds());
        }
    }

    @Test
    void heapAndThreadReadingsArePlausible() {
        assertThat(ProcessResources.heapAfterLastGcBytes()).as("after-GC heap is never above the maximum")
                .isBetween(0L, Runtime.getRuntime().maxMemory());
        assertThat(ProcessResources.liveThreads()).as("this thread at least").isPositive();
    }
}
