package io.sipdrill.app;

import io.sipdrill.load.net.AddressBlock;

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

    private final List<AddressBlock> allowed = new ArrayList<>();

    public TargetGuard(List<String> allowTargets) {
        for (String cidr : allowTargets) {
            try {
                allowed.add(AddressBlock.parse(cidr));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--allow-target " + e.getMessage());
            }
        }
    }

    /** The blocks named by --allow-target (loopback is always allowed on top). */
    public List<AddressBlock> blocks() {
        return List.copyOf(allowed);
    }

    /** Parses {@code HOST:PORT} (port defaults to 5060) and checks it is allowed. */
    public InetSocketAddress check(String option, String hostPort) {
        InetSocketAddress address = parse(option, hostPort);
        InetAddress ip = address.getAddress();
        if (AddressBlock.allowedTarget(ip, allowed)) {
            return address;
        }
        throw new BadInputException(option + " " + hostPort + " is not a loopback address; sipdrill only targets"
                + " 127.0.0.0/8 and ::1 unless you allow it with --allow-target " + AddressBlock.exactly(ip));
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
}
