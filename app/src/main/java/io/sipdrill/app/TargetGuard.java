package io.sipdrill.app;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses SIP targets outside loopback unless the user allowed them with {@code --allow-target CIDR}:
 * sipdrill can generate a flood, and pointing it at a production registrar by a typo must not be easy.
 */
public final class TargetGuard {

    private final List<Cidr> allowed = new ArrayList<>();

    public TargetGuard(List<String> allowTargets) {
        for (String cidr : allowTargets) {
            allowed.add(Cidr.parse(cidr));
        }
    }

    /** Parses {@code HOST:PORT} (port defaults to 5060) and checks it is allowed. */
    public InetSocketAddress check(String option, String hostPort) {
        InetSocketAddress address = parse(option, hostPort);
        InetAddress ip = address.getAddress();
        if (ip.isLoopbackAddress() || allowed.stream().anyMatch(c -> c.contains(ip))) {
            return address;
        }
        throw new BadInputException(option + " " + hostPort + " is not a loopback address; sipdrill only targets"
                + " 127.0.0.0/8 and ::1 unless you allow it with --allow-target " + ip.getHostAddress() + "/32");
    }

    static InetSocketAddress parse(String option, String hostPort) {
        String host = hostPort;
        int port = 5060;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && hostPort.indexOf(':') == colon) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new BadInputException(option + " " + hostPort + ": port is not a number");
            }
            if (port < 1 || port > 65535) {
                throw new BadInputException(option + " " + hostPort + ": port must be 1-65535");
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new BadInputException(option + " " + hostPort + ": unknown host");
        }
    }

    /** An address block such as 192.0.2.0/24. */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            try {
                byte[] net = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : net.length * 8;
                if (prefix < 0 || prefix > net.length * 8) {
                    throw new BadInputException("--allow-target " + text + ": prefix out of range");
                }
                return new Cidr(net, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new BadInputException("--allow-target " + text + ": not a CIDR block like 192.0.2.0/24");
            }
        }

        boolean contains(InetAddress ip) {
            byte[] a = ip.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
