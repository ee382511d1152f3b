package io.sipdrill.environments;

import java.net.InetSocketAddress;

/** A SIP server a handset can register with: its address and the digest realm it challenges with. */
public record SipEndpoint(String name, InetSocketAddress address, String realm) {

    public String hostPort() {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
