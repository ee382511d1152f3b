package io.sipdrill.load.sip.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** Receives every datagram read by the event loop, on the loop thread. The buffer is only valid during the call. */
@FunctionalInterface
public interface DatagramHandler {
    void onDatagram(LocalSocket socket, InetSocketAddress sender, ByteBuffer datagram);
}
