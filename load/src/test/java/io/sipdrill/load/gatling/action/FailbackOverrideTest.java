package io.sipdrill.load.gatling.action;

import io.gatling.core.session.Session;
import io.sipdrill.load.gatling.internal.SipExpressions;
import io.sipdrill.load.handset.FailbackMode;
import io.gatling.commons.stats.OK$;
import io.gatling.javaapi.core.internal.Converters;
import org.junit.jupiter.api.Test;
import scala.collection.immutable.List;
import scala.collection.immutable.Nil$;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FailbackOverrideTest {

    @Test
    void feederValuesResolveToModeAndMilliseconds() {
        Session s = session(Map.of("failback", "duration", "failbackTimeoutMs", 2500L));
        String[] error = new String[1];
        FailbackOverride.Resolved r = new FailbackOverride(SipExpressions.el("#{failback}"),
                SipExpressions.el("#{failbackTimeoutMs}")).resolve(s, error);
        assertThat(r).isEqualTo(new FailbackOverride.Resolved(FailbackMode.DURATION, Duration.ofMillis(2500)));
    }

    @Test
    void constantsPassThrough() {
        FailbackOverride.Resolved r = new FailbackOverride(SipExpressions.constant(FailbackMode.NEVER),
                SipExpressions.constant(Duration.ZERO)).resolve(session(Map.of()), new String[1]);
        assertThat(r).isEqualTo(new FailbackOverride.Resolved(FailbackMode.NEVER, Duration.ZERO));
    }

    @Test
    void badValuesSayWhatIsWrong() {
        String[] error = new String[1];
        assertThat(new FailbackOverride(SipExpressions.el("sometimes"), SipExpressions.el("1"))
                .resolve(session(Map.of()), error)).isNull();
        assertThat(error[0]).contains("unknown failback mode 'sometimes'");

        assertThat(new FailbackOverride(SipExpressions.el("never"), SipExpressions.el("soon"))
                .resolve(session(Map.of()), error)).isNull();
        assertThat(error[0]).isEqualTo("failback timeout is not a number of milliseconds: 'soon'");

        assertThat(new FailbackOverride(SipExpressions.el("#{mode}"), SipExpressions.el("1"))
                .resolve(session(Map.of()), error)).isNull();
        assertThat(error[0]).startsWith("cannot resolve the failback mode");
    }

    @SuppressWarnings("unchecked")
    private static Session session(Map<String, Object> attributes) {
        return new Session("scenario", 1L, Converters.toScalaMap(attributes), OK$.MODULE$,
                (List<io.gatling.core.session.Block>) (Object) Nil$.MODULE$, Session.NothingOnExit(), null);
    }
}
