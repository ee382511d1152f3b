package io.sipdrill.load.gatling.protocol;

import io.sipdrill.load.gatling.SipConfigurationException;
import io.sipdrill.load.net.AddressBlock;

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
        if (!AddressBlock.allowedTarget(ip, allowed.stream().map(SipTargets::block).toList())) {
            String shown = hp[0].equals(ip.getHostAddress()) ? "" : " (" + ip.getHostAddress() + ")";
            throw new SipConfigurationException(role + " '" + hostPort + "'" + shown + " is not a loopback address;"
                    + " sipdrill only targets 127.0.0.0/8 and ::1 unless the protocol allows it with"
                    + " .allowTarget(\"" + AddressBlock.exactly(ip) + "\")");
        }
        return new InetSocketAddress(ip, Integer.parseInt(hp[1]));
    }

    /** Throws unless {@code cidr} is an address block such as {@code 192.0.2.0/24} (numeric only). */
    static String checkBlock(String cidr) {
        block(cidr);
        return cidr.strip();
    }

    private static AddressBlock block(String cidr) {
        try {
            return AddressBlock.parse(cidr);
        } catch (IllegalArgumentException e) {
            throw new SipConfigurationException("allowTarget " + e.getMessage());
        }
    }
}
