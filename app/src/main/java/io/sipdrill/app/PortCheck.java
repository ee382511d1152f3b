package io.sipdrill.app;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;

/** Checks before anything starts that the UDP ports sipdrill's own servers need are free, so the error is clear. */
public final class PortCheck {

    private PortCheck() {
    }

    public static void ensureFree(String role, InetSocketAddress address) {
        try (DatagramSocket probe = new DatagramSocket(address)) {
            // bound and released: the port is free now
        } catch (SocketException e) {
            throw new BadInputException(role + " address " + address.getAddress().getHostAddress() + ":"
                    + address.getPort() + " is already in use (another sipdrill run or SIP server?): " + e.getMessage());
        }
    }
}
