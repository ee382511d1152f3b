package io.sipdrill.load.sdp;

import io.sipdrill.load.rtp.G711;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** The audio stream an SDP body describes: where to send RTP and the payload types offered. */
public record SdpMedia(InetSocketAddress rtp, List<Integer> payloadTypes) {

    public Optional<G711> firstSupported() {
        for (int pt : payloadTypes) {
            Optional<G711> c = G711.ofPayloadType(pt);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }
}
