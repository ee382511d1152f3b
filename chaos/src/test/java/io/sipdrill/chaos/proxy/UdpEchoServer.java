package io.sipdrill.chaos.proxy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/** A UDP echo server for tests: sends every datagram back to its source, counting them. */
public final class UdpEchoServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final AtomicLong received = new AtomicLong();

    public UdpEchoServer(String host) throws IOException {
        socket = new DatagramSocket(null);
        socket.setReceiveBufferSize(4 << 20);
        socket.setSendBufferSize(4 << 20);
        socket.bind(new InetSocketAddress(host, 0));
        Thread t = new Thread(this::loop, "udp-echo");
        t.setDaemon(true);
        t.start();
    }

    public String hostPort() {
        return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    public long received() {
        return received.get();
    }

    private void loop() {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                p.setLength(buf.length);
                socket.receive(p);
                received.incrementAndGet();
                socket.send(p);
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
