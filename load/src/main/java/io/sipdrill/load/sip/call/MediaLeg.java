package io.sipdrill.load.sip.call;

import java.net.InetSocketAddress;

/** One end of a call's media: a local RTP port that streams to the far end once the call is answered. */
public interface MediaLeg {

    /** The address and port written in this end's SDP. */
    InetSocketAddress local();

    /** Starts sending to {@code remote} and measuring what arrives; {@code payloadType} from the SDP answer. */
    void start(InetSocketAddress remote, int payloadType);

    /** Stops and releases the port; the statistics of what this end received, or null without media. */
    MediaStats stop();
}
