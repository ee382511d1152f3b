package io.sipdrill.load.rtp;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtpHeaderTest {

    @Test
    void writesTheRfc3550FixedHeader() {
        ByteBuffer out = ByteBuffer.allocate(12);
        new RtpHeader(true, 8, 0xBEEF, 0xCAFEBABEL, 0xDEADBEEFL).writeTo(out);
        assertThat(out.array()).containsExactly(
                0x80, 0x88, 0xBE, 0xEF,  // V=2 P=0 X=0 CC=0 | M=1 PT=8 | sequence
                0xCA, 0xFE, 0xBA, 0xBE,  // timestamp
                0xDE, 0xAD, 0xBE, 0xEF); // SSRC
    }

    @Test
    void readsBackWhatItWrote() {
        ByteBuffer packet = ByteBuffer.allocate(12 + 160);
        RtpHeader h = new RtpHeader(false, 0, 65535, 0xFFFF_FFFFL, 1);
        h.writeTo(packet);
        packet.put(new byte[160]).flip();
        assertThat(RtpHeader.readFrom(packet)).isEqualTo(h);
        assertThat(packet.remaining()).as("payload left").isEqualTo(160);
    }

    @Test
    void skipsCsrcsExtensionAndPadding() {
        ByteBuffer packet = ByteBuffer.allocate(12 + 8 + 8 + 4 + 4);
        packet.put((byte) 0xB2).put((byte) 0x00).putShort((short) 7).putInt(160).putInt(42); // P X CC=2
        packet.putInt(1).putInt(2);                      // two CSRCs
        packet.putShort((short) 0xBEDE).putShort((short) 1).putInt(0); // extension of one word
        packet.putInt(0xABCDEF01);                       // 4 bytes of payload
        packet.put(new byte[] {0, 0, 0, 4});             // 4 bytes of padding
        packet.flip();
        RtpHeader h = RtpHeader.readFrom(packet);
        assertThat(h).isEqualTo(new RtpHeader(false, 0, 7, 160, 42));
        assertThat(packet.remaining()).isEqualTo(4);
        assertThat(packet.getInt()).isEqualTo(0xABCDEF01);
    }

    @Test
    void refusesWhatIsNotRtpVersion2() {
        assertThat(RtpHeader.readFrom(ByteBuffer.allocate(11))).as("too short").isNull();
        ByteBuffer v1 = ByteBuffer.allocate(12).put(0, (byte) 0x40);
        assertThat(RtpHeader.readFrom(v1)).as("version 1").isNull();
        ByteBuffer csrcsMissing = ByteBuffer.allocate(12).put(0, (byte) 0x81);
        assertThat(RtpHeader.readFrom(csrcsMissing)).as("CSRC count beyond the end").isNull();
        assertThatThrownBy(() -> new RtpHeader(false, 128, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
