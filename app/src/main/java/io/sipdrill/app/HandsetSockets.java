package io.sipdrill.app;

import io.sipdrill.chaos.drill.DrillPlan;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where the handsets' sockets bind ({@code --handset-address}). On loopback they spread over
 * {@link DrillPlan#HANDSET_SOCKETS} consecutive addresses, as they always have; any other address
 * is one host's own (a Kubernetes pod has exactly one IP), so it carries all sockets' work alone:
 * packets from a loopback source never leave the machine, so an injector pod talking to a remote
 * target must use its pod IP.
 */
record HandsetSockets(String first, int count) {

    static HandsetSockets parse(String address) {
        if (address == null) {
            return new HandsetSockets(DrillPlan.HANDSET_ADDRESS, DrillPlan.HANDSET_SOCKETS);
        }
        InetAddress a;
        try {
            // An IP literal only: a name would be looked up, and which address it picks is nobody's guess.
            if (!address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                throw new UnknownHostException(address);
            }
            a = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new BadInputException("--handset-address " + address + " is not an IP address");
        }
        if (a.isLoopbackAddress() && a.getAddress().length == 4) {
            if ((a.getAddress()[3] & 0xff) + DrillPlan.HANDSET_SOCKETS > 255) {
                throw new BadInputException("--handset-address " + address + ": the handsets use " + DrillPlan.HANDSET_SOCKETS
                        + " consecutive loopback addresses from it; pick a last byte of at most " + (255 - DrillPlan.HANDSET_SOCKETS));
            }
            return new HandsetSockets(a.getHostAddress(), DrillPlan.HANDSET_SOCKETS);
        }
        return new HandsetSockets(a.getHostAddress(), 1);
    }
}
