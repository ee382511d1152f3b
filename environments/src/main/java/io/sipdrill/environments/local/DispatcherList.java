package io.sipdrill.environments.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The dispatcher list a call-routing POP reads at start ({@code registrar.cfg} with
 * {@code WITH_CALLS}): set 1 is the POP's PBX instances (round robin for new calls, and how the
 * POP recognises a PBX ringing an extension), set 2 the carrier (how it recognises DDI calls).
 * Written per run from the call roles, so the addresses live in one place: {@code CallRoles}.
 */
final class DispatcherList {

    static final int PBX_SET = 1;
    static final int CARRIER_SET = 2;

    private DispatcherList() {
    }

    /** Writes {@code file} (and its folder) for these PBX instances and this carrier. */
    static Path write(Path file, List<InetSocketAddress> pbxs, InetSocketAddress carrier) throws IOException {
        StringBuilder list = new StringBuilder("# setid destination, written by sipdrill for this run\n");
        for (InetSocketAddress pbx : pbxs) {
            list.append(PBX_SET).append(" sip:").append(KamailioScript.hostPort(pbx)).append('\n');
        }
        list.append(CARRIER_SET).append(" sip:").append(KamailioScript.hostPort(carrier)).append('\n');
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, list, StandardCharsets.US_ASCII);
        return file.toAbsolutePath();
    }
}
