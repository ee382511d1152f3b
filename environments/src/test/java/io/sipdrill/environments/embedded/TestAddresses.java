package io.sipdrill.environments.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/** Test addresses away from the default drill's 127.0.1.1/127.0.2.1:5060, on free ports. */
final class TestAddresses {

    static final String PRIMARY_HOST = "127.0.11.1";
    static final String BACKUP_HOST = "127.0.12.1";
    static final String CLIENT_HOST = "127.0.3.251";

    private TestAddresses() {
    }

    static InetSocketAddress freeUdp(String host) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(host, 0))) {
            return new InetSocketAddress(host, s.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
