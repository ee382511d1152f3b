package io.sipdrill.load.gatling;

import org.junit.jupiter.api.Test;

import static io.sipdrill.load.gatling.SipDsl.sip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every configuration mistake is one {@link SipConfigurationException}: one line, "sipdrill: ", naming the value. */
class SipConfigurationExceptionTest {

    @Test
    void oneLineNoStackTraceAndToStringIsTheMessage() {
        SipConfigurationException e = catchThrowableOfType(SipConfigurationException.class,
                () -> StartOf.start(sip.registrar("127.0.0.1:99999")));
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        assertThat(e.getMessage()).isEqualTo("sipdrill: registrar '127.0.0.1:99999': port 99999 is out of range 1-65535")
                .doesNotContain("\n");
        assertThat(e.getStackTrace()).isEmpty();
        assertThat(e.getCause()).isNull();
        assertThat(e).hasToString(e.getMessage());
        assertThat(SipConfigurationException.in(new IllegalStateException(new RuntimeException(e)))).containsSame(e);
        assertThat(SipConfigurationException.in(new IllegalStateException("other"))).isEmpty();
        assertThat(SipConfigurationException.in(null)).isEmpty();
    }

    @Test
    void registrarAndBackupMustBeHostPort() {
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.0.1:0")))
                .isInstanceOf(SipConfigurationException.class)
                .hasMessage("sipdrill: registrar '127.0.0.1:0': port 0 is out of range 1-65535");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.0.1:50:60")))
                .isInstanceOf(SipConfigurationException.class)
                .hasMessage("sipdrill: registrar '127.0.0.1:50:60' is not HOST:PORT (e.g. 127.0.1.1:5060;"
                        + " [::1]:5060 for IPv6; the port defaults to 5060)");
        assertThatThrownBy(() -> StartOf.start(sip.registrar(null)))
                .isInstanceOf(SipConfigurationException.class).hasMessageStartingWith("sipdrill: registrar 'null' is not HOST:PORT");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("")))
                .isInstanceOf(SipConfigurationException.class).hasMessageStartingWith("sipdrill: registrar '' is not HOST:PORT");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.0.1").backup("127.0.0.2:-1")))
                .isInstanceOf(SipConfigurationException.class).hasMessageStartingWith("sipdrill: backup '127.0.0.2:-1' is not HOST:PORT");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.0.1").backup(null)))
                .isInstanceOf(SipConfigurationException.class).hasMessageStartingWith("sipdrill: backup 'null' is not HOST:PORT");
    }

    @Test
    void unknownHostIsNamedWhenTheProtocolIsTaken() {
        SipProtocolBuilder builder = sip.registrar("no-such-registrar.invalid:5060");
        assertThatThrownBy(() -> StartOf.start(builder))
                .isInstanceOf(SipConfigurationException.class)
                .hasMessage("sipdrill: registrar 'no-such-registrar.invalid:5060': unknown host 'no-such-registrar.invalid'");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.0.1").backup("no-such-backup.invalid")))
                .isInstanceOf(SipConfigurationException.class)
                .hasMessage("sipdrill: backup 'no-such-backup.invalid': unknown host 'no-such-backup.invalid'");
    }

    @Test
    void onlyLoopbackTargetsUnlessAllowed() {
        assertThat(sip.registrar("127.0.71.1:5060").backup("[::1]:5060").protocol()).isNotNull();
        assertThat(sip.registrar("localhost").protocol()).isNotNull();
        assertThatThrownBy(() -> StartOf.start(sip.registrar("192.0.2.10:5060")))
                .isInstanceOf(SipConfigurationException.class)
                .hasMessage("sipdrill: registrar '192.0.2.10:5060' is not a loopback address; sipdrill only targets"
                        + " 127.0.0.0/8 and ::1 unless the protocol allows it with .allowTarget(\"192.0.2.10/32\")");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.0.1").backup("[2001:db8::1]:5060")))
                .isInstanceOf(SipConfigurationException.class)
                .hasMessageContaining("backup '[2001:db8::1]:5060'").hasMessageContaining(".allowTarget(\"2001:db8:0:0:0:0:0:1/128\")");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("0.0.0.0")))
                .isInstanceOf(SipConfigurationException.class).hasMessageContaining("is not a loopback address");

        assertThat(sip.registrar("192.0.2.10:5060").backup("198.51.100.7")
                .allowTarget("192.0.2.0/24").allowTarget("198.51.100.7").protocol().settings().allowedTargets())
                .containsExactly("192.0.2.0/24", "198.51.100.7");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("192.0.3.10:5060").allowTarget("192.0.2.0/24")))
                .as("just outside the block").isInstanceOf(SipConfigurationException.class);
    }

    @Test
    void badAddressBlocksAreRefusedAtOnce() {
        for (String bad : new String[] {"192.0.2.0/33", "192.0.2.0/abc", "192.0.2.0/-1", "example.com/24", "", "::1/129"}) {
            assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.0.1").allowTarget(bad)))
                    .as(bad).isInstanceOf(SipConfigurationException.class)
                    .hasMessage("sipdrill: allowTarget '" + bad + "' is not an address block like 192.0.2.0/24");
        }
    }

    @Test
    void otherSettingsUseTheSameType() {
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.0.1").sockets(0)))
                .isInstanceOf(SipConfigurationException.class).hasMessage("sipdrill: sockets must be between 1 and 250: 0");
        assertThatThrownBy(() -> StartOf.start(sip.registrar("127.0.0.1").domain(" ")))
                .isInstanceOf(SipConfigurationException.class).hasMessage("sipdrill: domain must not be blank");
        assertThatThrownBy(() -> SipDsl.header(""))
                .isInstanceOf(SipConfigurationException.class).hasMessage("sipdrill: header name must not be blank");
    }
}
