package io.sipdrill.app;

import java.net.InetSocketAddress;

/**
 * {@code run --pop-blocks PRIMARY,BACKUP}: the two loopback /24 blocks a topology's hosts take
 * instead of the architecture's 127.0.1 and 127.0.2, so two drills (or a drill and a test) run
 * side by side. The hosts inside each block keep their places ({@code .1} the POP, {@code .11…}
 * the PBXs, {@code .30} the voicemail; see {@link io.sipdrill.environments.CallRoles#onBlocks}).
 *
 * @param primary the primary POP's block, three octets ({@code 127.0.230})
 * @param backup  the backup POP's block
 */
record PopBlocks(String primary, String backup) {

    /** Parses {@code 127.0.230,127.0.231}; both loopback, different. */
    static PopBlocks parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("give two blocks, primary and backup, e.g. 127.0.230,127.0.231");
        }
        String primary = block(parts[0].trim());
        String backup = block(parts[1].trim());
        if (primary.equals(backup)) {
            throw new IllegalArgumentException("the primary and backup POPs need different blocks");
        }
        return new PopBlocks(primary, backup);
    }

    private static String block(String b) {
        if (!b.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)")) {
            throw new IllegalArgumentException("'" + b + "' is not a loopback /24 block such as 127.0.230");
        }
        return b;
    }

    InetSocketAddress primaryPop() {
        return new InetSocketAddress(primary + ".1", 5060);
    }

    InetSocketAddress backupPop() {
        return new InetSocketAddress(backup + ".1", 5060);
    }
}
