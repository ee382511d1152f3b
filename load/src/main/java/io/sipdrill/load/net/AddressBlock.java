package io.sipdrill.load.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;

/**
 * An address block such as 192.0.2.0/24 or 2001:db8::/32 (a bare address is a /32 or /128).
 * sipdrill can send a flood, so targets outside loopback are refused unless a block the user
 * named contains them: {@link #allowedTarget}.
 */
public record AddressBlock(byte[] network, int prefix) {

    /**
     * Parses a numeric block; names are refused, because an allow-list must not depend on what a
     * name resolves to today.
     *
     * @throws IllegalArgumentException naming the text when it is not a block
     */
    public static AddressBlock parse(String text) {
        String t = text == null ? "" : text.strip();
        String[] parts = t.split("/", 2);
        if (!parts[0].matches("[0-9a-fA-F.:]+") || (parts.length == 2 && !parts[1].matches("[0-9]{1,3}"))) {
            throw notABlock(text);
        }
        try {
            byte[] net = InetAddress.getByName(parts[0]).getAddress();
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : net.length * 8;
            if (prefix > net.length * 8) {
                throw notABlock(text);
            }
            return new AddressBlock(net, prefix);
        } catch (UnknownHostException e) {
            throw notABlock(text);
        }
    }

    private static IllegalArgumentException notABlock(String text) {
        return new IllegalArgumentException("'" + text + "' is not an address block like 192.0.2.0/24");
    }

    public boolean contains(InetAddress ip) {
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

    /** Loopback, or inside one of the blocks the user allowed. */
    public static boolean allowedTarget(InetAddress ip, Collection<AddressBlock> allowed) {
        return ip.isLoopbackAddress() || allowed.stream().anyMatch(b -> b.contains(ip));
    }

    /** The block holding exactly this address (/32 or /128), as the user would type it. */
    public static String exactly(InetAddress ip) {
        return ip.getHostAddress() + (ip.getAddress().length == 4 ? "/32" : "/128");
    }
}
