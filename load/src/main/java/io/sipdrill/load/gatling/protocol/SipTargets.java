package io.sipdrill.load.gatling.protocol;

import io.sipdrill.load.gatling.SipConfigurationException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The target guard: sipdrill can send a flood of REGISTERs, so a registrar or backup outside
 * loopback (127.0.0.0/8, ::1) is refused unless an allowed block ({@code .allowTarget("CIDR")})
 * contains it. Also parses and resolves {@code HOST[:PORT]}.
 */
final class SipTargets {

    private SipTargets() {
    }

    /** Resolves {@code hostPort} (already checked to be {@code HOST[:PORT]}) and checks it is allowed. */
    static InetSocketAddress resolve(String role, String hostPort, List<String> allowed) {
        String[] hp = SipSettings.hostAndPort(role, hostPort);
        InetAddress ip;
        try {
            ip = InetAddress.getByName(hp[0]);
        } catch (UnknownHostException | SecurityException e) {
            throw new SipConfigurationException(role + " '" + hostPort + "': unknown host '" + hp[0] + "'");
        }
        if (!ip.isLoopbackAddress() && allowed.stream().noneMatch(block -> Block.parse(block).contains(ip))) {
            String shown = hp[0].equals(ip.getHostAddress()) ? "" : " (" + ip.getHostAddress() + ")";
            throw new SipConfigurationException(role + " '" + hostPort + "'" + shown + " is not a loopback address;"
                    + " sipdrill only targets 127.0.0.0/8 and ::1 unless the protocol allows it with"
                    + " .allowTarget(\"" + ip.getHostAddress() + (ip.getAddress().length == 4 ? "/32" : "/128") + "\")");
        }
        return new InetSocketAddress(ip, Integer.parseInt(hp[1]));
    }

    /** Throws unless {@code cidr} is an address block such as {@code 192.0.2.0/24} (numeric only). */
    static String checkBlock(String cidr) {
        Block.parse(cidr);
        return cidr.strip();
    }

    /** An address block such as 192.0.2.0/24 or 2001:db8::/32; a bare address is a /32 (/128). */
    private record Block(byte[] network, int prefix) {

        static Block parse(String text) {
            String t = text == null ? "" : text.strip();
            String[] parts = t.split("/", 2);
            // numeric only: an allow-list must not depend on what a name resolves to today
            if (!parts[0].matches("[0-9a-fA-F.:]+") || (parts.length == 2 && !parts[1].matches("[0-9]{1,3}"))) {
                throw bad(text);
            }
            try {
                byte[] net = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : net.length * 8;
                if (prefix > net.length * 8) {
                    throw bad(text);
                }
                return new Block(net, prefix);
            } catch (UnknownHostException e) {
                throw bad(text);
            }
        }

        private static SipConfigurationException bad(String text) {
            return new SipConfigurationException("allowTarget '" + text + "' is not an address block like 192.0.2.0/24");
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
