package io.sipdrill.load.sip.call;

import java.net.InetSocketAddress;

/**
 * Opens media legs for calls. {@link #NONE} is the switch for signalling-only load: the SDP still
 * names an address (so peers accept it) but no RTP flows and no port is taken.
 */
@FunctionalInterface
public interface Media {

    /** Called on the SIP event loop when a call needs an SDP address; must not block for long. */
    MediaLeg open(InetSocketAddress sipAddress);

    /** Closes {@code media} if it holds resources (an RTP engine); never throws. */
    static void closeQuietly(Media media) {
        if (media instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // closing anyway: this runs on the way out
            }
        }
    }

    Media NONE = sipAddress -> new MediaLeg() {
        private final InetSocketAddress discard = new InetSocketAddress(sipAddress.getAddress(), 9);

        @Override
        public InetSocketAddress local() {
            return discard; // RFC 863 discard port: a valid SDP that nothing listens to
        }

        @Override
        public void start(InetSocketAddress remote, int payloadType) {
        }

        @Override
        public MediaStats stop() {
            return null;
        }
    };
}
