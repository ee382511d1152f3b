package io.sipdrill.load.rtp;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtpPortPoolTest {

    private static InetAddress ip(String a) throws Exception {
        return InetAddress.getByName(a);
    }

    @Test
    void handsOutEvenPortsOnly() {
        RtpPortPool pool = new RtpPortPool(10001, 10010);
        assertThat(pool.size()).isEqualTo(5); // 10002 .. 10010
    }

    @Test
    void everyAddressHasTheWholeRange() throws Exception {
        RtpPortPool pool = new RtpPortPool(20000, 20002);
        assertThat(pool.acquire(ip("127.0.100.1"))).isEqualTo(20000);
        assertThat(pool.acquire(ip("127.0.100.2"))).isEqualTo(20000);
        assertThat(pool.acquire(ip("127.0.100.1"))).isEqualTo(20002);
        assertThat(pool.inUse(ip("127.0.100.1"))).isEqualTo(2);
    }

    @Test
    void reusesReleasedPortsOldestFirstOnceTheFreshOnesAreGone() throws Exception {
        RtpPortPool pool = new RtpPortPool(20000, 20004);
        InetAddress a = ip("127.0.100.1");
        int p1 = pool.acquire(a);
        int p2 = pool.acquire(a);
        pool.release(a, p2);
        pool.release(a, p1);
        assertThat(pool.acquire(a)).as("never used yet").isEqualTo(20004);
        assertThat(pool.acquire(a)).as("released first").isEqualTo(p2);
        assertThat(pool.acquire(a)).isEqualTo(p1);
    }

    @Test
    void saysClearlyWhenExhausted() throws Exception {
        RtpPortPool pool = new RtpPortPool(20000, 20002);
        InetAddress a = ip("127.0.100.1");
        pool.acquire(a);
        pool.acquire(a);
        assertThatThrownBy(() -> pool.acquire(a)).isInstanceOf(RtpPortsExhaustedException.class)
                .hasMessage("no free RTP port on 127.0.100.1: all 2 even ports of 20000-20002 are in use");
        pool.release(a, 20000);
        assertThat(pool.acquire(a)).isEqualTo(20000);
    }

    @Test
    void refusesPortsItDidNotHandOut() throws Exception {
        RtpPortPool pool = new RtpPortPool(20000, 20002);
        InetAddress a = ip("127.0.100.1");
        pool.acquire(a);
        assertThatThrownBy(() -> pool.release(a, 20001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpPortPool(20001, 20001)).isInstanceOf(IllegalArgumentException.class);
    }
}
