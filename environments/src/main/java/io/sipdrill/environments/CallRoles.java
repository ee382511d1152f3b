package io.sipdrill.environments;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The call side of a topology (CALL-ROUTING.md): the carrier the POPs accept DDI calls from, each
 * POP's PBX instances and voicemail, and how long a call rings before voicemail answers.
 */
public record CallRoles(InetSocketAddress carrier, List<InetSocketAddress> primaryPbxs,
                        List<InetSocketAddress> backupPbxs, InetSocketAddress primaryVoicemail,
                        InetSocketAddress backupVoicemail, Duration noAnswer) {

    public CallRoles {
        primaryPbxs = List.copyOf(primaryPbxs);
        backupPbxs = List.copyOf(backupPbxs);
        if (primaryPbxs.isEmpty() || backupPbxs.isEmpty()) {
            throw new IllegalArgumentException("each POP needs at least one PBX");
        }
    }

    /** The architecture's addresses: pbx-1, pbx-2 beside the primary, one beside the backup. */
    public static CallRoles defaults(InetSocketAddress carrier) {
        return onBlocks("127.0.1", "127.0.2", carrier, 2);
    }

    /**
     * Roles on two /24 blocks: PBX instances at {@code .11…}, voicemail at {@code .30}, port 5060
     * (tests give each their own blocks).
     */
    public static CallRoles onBlocks(String primaryBlock, String backupBlock, InetSocketAddress carrier, int primaryPbxCount) {
        List<InetSocketAddress> primary = new java.util.ArrayList<>();
        for (int i = 1; i <= primaryPbxCount; i++) {
            primary.add(new InetSocketAddress(primaryBlock + "." + (10 + i), 5060));
        }
        return new CallRoles(carrier, primary, List.of(new InetSocketAddress(backupBlock + ".11", 5060)),
                new InetSocketAddress(primaryBlock + ".30", 5060), new InetSocketAddress(backupBlock + ".30", 5060),
                Duration.ofSeconds(20));
    }

    public CallRoles withNoAnswer(Duration d) {
        return new CallRoles(carrier, primaryPbxs, backupPbxs, primaryVoicemail, backupVoicemail, d);
    }
}
