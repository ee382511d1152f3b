package io.sipdrill.load.gatling;

import io.sipdrill.load.gatling.protocol.SipSettings;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.HandsetProfile;
import io.sipdrill.load.sip.codec.LeanSipCodec;
import io.sipdrill.load.sip.codec.SipResponse;
import io.sipdrill.load.sip.message.AsciiWriter;
import io.sipdrill.load.sip.message.OptionsTemplate;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.tls.TestCertificateAuthority;
import io.sipdrill.load.tls.TlsTrust;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.sipdrill.load.gatling.SipDsl.sip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SipProtocolBuilderTest {

    @Test
    void buildersAreImmutableAndProtocolIsStablePerBuilder() {
        SipProtocolBuilder base = sip.registrar("127.0.1.1:5060");
        SipProtocolBuilder withBackup = base.backup("127.0.2.1");
        assertThat(base.protocol().settings().backup()).isNull();
        assertThat(withBackup.protocol().settings().backup()).isEqualTo("127.0.2.1");
        assertThat(withBackup.protocol()).isSameAs(withBackup.protocol());
        assertThat(base.protocol()).isNotSameAs(withBackup.protocol());
        assertThat(base.live()).as("no run yet").isEmpty();
    }

    @Test
    void defaultsAndDerivedValues() {
        SipSettings s = sip.registrar("localhost:5070").protocol().settings();
        assertThat(s.effectiveDomain()).isEqualTo("localhost");
        assertThat(s.transport()).isEqualTo("udp");
        assertThat(s.sockets()).isEqualTo(4);
        assertThat(s.failback()).isEqualTo(FailbackMode.REGISTRATION);
    }

    @Test
    void timeScaleShrinksSipTimersWhileDurationsAreDrillTimeAsGiven() {
        SipSettings s = sip.registrar("127.0.1.1").timeScale(60).expires(Duration.ofMinutes(1))
                .retryDelay(Duration.ofMillis(500)).failback(FailbackMode.DURATION, Duration.ofSeconds(10))
                .refreshBetween(0.6, 0.8).failoverAfter(3).protocol().settings();
        HandsetProfile p = s.profile();
        assertThat(p.expires()).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.retryDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(p.failbackTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.failback()).isEqualTo(FailbackMode.DURATION);
        assertThat(p.failoverAfter()).isEqualTo(3);
        assertThat(p.refreshMin()).isEqualTo(0.6);
        assertThat(s.timers()).isEqualTo(SipTimers.scaled(60));
    }

    @Test
    void udpOrTlsWithItsTrust() {
        assertThat(sip.registrar("127.0.1.1").transport(" UDP ").protocol().settings().transport()).isEqualTo("udp");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.1.1").transport("tcp")))
                .isInstanceOf(SipConfigurationException.class)
                .hasMessage("sipdrill: transport 'tcp' is not supported: use udp or tls");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.1.1:5061").transport("tls")))
                .as("tls without the CAs to verify the registrar with")
                .isInstanceOf(SipConfigurationException.class)
                .hasMessage("sipdrill: transport tls needs the CAs to verify the registrar with: .trust(…)");

        TlsTrust trust = TestCertificateAuthority.create("builder test CA").trust();
        SipSettings s = sip.registrar("127.0.1.1:5061").transport("TLS").trust(trust).sockets(2).timeScale(60)
                .protocol().settings();
        assertThat(s.tls()).isTrue();
        assertThat(s.trust()).as("the trust survives later settings").isSameAs(trust);
        assertThat(s.requiredTrust()).isSameAs(trust);
        assertThat(sip.registrar("127.0.1.1:5061").transport("tls").trust(trust)
                .calls(io.sipdrill.load.calls.CallTimes.DEFAULT).protocol().problem())
                .as("calls over tls").hasValueSatisfying(e -> assertThat(e).hasMessageContaining("calls over TLS are not supported yet"));
    }

    @Test
    void badValuesAreRejectedWithTheirName() {
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.1.1:notaport"))).hasMessageStartingWith("sipdrill: registrar '127.0.1.1:notaport' is not HOST:PORT");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.1.1").backup(":5060"))).hasMessageStartingWith("sipdrill: backup ':5060' is not HOST:PORT");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.1.1").sockets(0))).hasMessageContaining("sockets");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.1.1").timeScale(0))).hasMessageContaining("time scale");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.1.1").refreshBetween(0.9, 0.5))).hasMessageContaining("refreshBetween");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.1.1").failoverAfter(0))).hasMessageContaining("failoverAfter");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.1.1").expires(Duration.ZERO))).hasMessageContaining("expires");
        assertThat(sip.registrar("[::1]:5080").protocol().settings().effectiveDomain()).isEqualTo("::1");
    }

    @Test
    void optionsTemplateWritesAValidRequest() throws Exception {
        byte[] bytes = new OptionsTemplate("sipdrill.test").write(new AsciiWriter(),
                "127.0.3.1:40000".getBytes(StandardCharsets.US_ASCII), "1001", "z9hG4bKx1", "tag1", "cid@sipdrill", 7);
        SIPRequest r = (SIPRequest) new StringMsgParser().parseSIPMessage(bytes, true, false, null);
        assertThat(r.getMethod()).isEqualTo("OPTIONS");
        assertThat(r.getRequestURI().toString()).isEqualTo("sip:sipdrill.test");
        assertThat(r.getTopmostVia().getBranch()).isEqualTo("z9hG4bKx1");
        assertThat(r.getCSeq().getSeqNumber()).isEqualTo(7);
        assertThat(r.getCSeq().getMethod()).isEqualTo("OPTIONS");
        assertThat(r.getFrom().getTag()).isEqualTo("tag1");
        assertThat(r.getCallId().getCallId()).isEqualTo("cid@sipdrill");
        assertThat(r.getContentLength().getContentLength()).isZero();
        // and a response to it routes back by branch and method
        SipResponse ok = new LeanSipCodec().decodeResponse(java.nio.ByteBuffer.wrap(
                "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.3.1:40000;branch=z9hG4bKx1\r\nCSeq: 7 OPTIONS\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII)));
        assertThat(ok.cseqMethod()).isEqualTo("OPTIONS");
    }
}
