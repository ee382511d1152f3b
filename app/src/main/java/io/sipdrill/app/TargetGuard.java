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
        String portText = null;
        if (hostPort.startsWith("[")) {
            // IPv6 with a port, as in SIP URIs: [::1]:5070
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new BadInputException(option + " " + hostPort + ": missing ']'");
            }
            host = hostPort.substring(1, close);
            if (hostPort.length() > close + 1) {
                if (hostPort.charAt(close + 1) != ':') {
                    throw new BadInputException(option + " " + hostPort + ": expected [ADDRESS]:PORT");
                }
                portText = hostPort.substring(close + 2);
            }
        } else if (hostPort.indexOf(':') > 0 && hostPort.indexOf(':') == hostPort.lastIndexOf(':')) {
            host = hostPort.substring(0, hostPort.indexOf(':'));
            portText = hostPort.substring(hostPort.indexOf(':') + 1);
        }
        int port = 5060;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
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
            if (!parts[0].matches("[0-9a-fA-F.:]+")) {
                // numeric only: an allow-list must not depend on what a name resolves to today
                throw new BadInputException("--allow-target " + text + ": not a CIDR block like 192.0.2.0/24");
            }
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
