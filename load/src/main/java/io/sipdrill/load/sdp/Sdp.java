package io.sipdrill.load.sdp;

import io.sipdrill.load.rtp.G711;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** SDP offer/answer (RFC 4566, RFC 3264) for one G.711 audio stream. */
public final class Sdp {

    private Sdp() {
    }

    public static String offer(long sessionId, InetSocketAddress rtp, List<G711> codecs) {
        StringBuilder b = header(sessionId, rtp);
        b.append("m=audio ").append(rtp.getPort()).append(" RTP/AVP");
        for (G711 c : codecs) {
            b.append(' ').append(c.payloadType());
        }
        b.append("\r\n");
        for (G711 c : codecs) {
            b.append("a=rtpmap:").append(c.payloadType()).append(' ').append(c.encodingName()).append("/8000\r\n");
        }
        return b.append("a=ptime:20\r\na=sendrecv\r\n").toString();
    }

    public static String answer(long sessionId, InetSocketAddress rtp, G711 chosen) {
        return offer(sessionId, rtp, List.of(chosen));
    }

    private static StringBuilder header(long sessionId, InetSocketAddress rtp) {
        String ip = rtp.getAddress().getHostAddress();
        return new StringBuilder(200).append("v=0\r\n")
                .append("o=sipdrill ").append(sessionId).append(' ').append(sessionId).append(" IN IP4 ").append(ip).append("\r\n")
                .append("s=sipdrill\r\n")
                .append("c=IN IP4 ").append(ip).append("\r\n")
                .append("t=0 0\r\n");
    }

    public static SdpMedia parse(String body) {
        String connection = null;
        String mediaConnection = null;
        int port = -1;
        List<Integer> pts = new ArrayList<>();
        boolean inAudio = false;
        for (String line : body.split("\r\n|\n")) {
            if (line.startsWith("c=")) {
                String[] f = line.substring(2).trim().split("\\s+");
                if (f.length == 3) {
                    String addr = f[2].split("/")[0];
                    if (inAudio) {
                        mediaConnection = addr;
                    } else {
                        connection = addr;
                    }
                }
            } else if (line.startsWith("m=")) {
                String[] f = line.substring(2).trim().split("\\s+");
                inAudio = f.length >= 3 && f[0].equals("audio") && port < 0;
                if (inAudio) {
                    try {
                        port = Integer.parseInt(f[1].split("/")[0]);
                        for (int i = 3; i < f.length; i++) {
                            pts.add(Integer.parseInt(f[i]));
                        }
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("SDP m=audio line has a bad port or format: " + line);
                    }
                }
            }
        }
        String addr = mediaConnection != null ? mediaConnection : connection;
        if (port < 0) {
            throw new IllegalArgumentException("SDP has no m=audio line");
        }
        if (addr == null) {
            throw new IllegalArgumentException("SDP has no c= line");
        }
        return new SdpMedia(new InetSocketAddress(addr, port), List.copyOf(pts));
    }
}
