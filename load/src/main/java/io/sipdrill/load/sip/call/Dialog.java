package io.sipdrill.load.sip.call;

import io.sipdrill.load.sip.codec.HeaderValues;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The state of one dialog (RFC 3261 §12): identifiers, the remote target and the route set.
 * In-dialog requests go to the first route when there is one (loose routing, {@code ;lr}), else to
 * the remote target.
 */
record Dialog(String callId, String localTag, String remoteTag, String localUri, String remoteUri,
              String remoteTarget, List<String> routeSet) {

    InetSocketAddress nextHop() {
        String uri = routeSet.isEmpty() ? remoteTarget : HeaderValues.uri(routeSet.get(0));
        return HeaderValues.address(uri);
    }
}
