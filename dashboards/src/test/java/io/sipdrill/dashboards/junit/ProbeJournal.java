package io.sipdrill.dashboards.junit;

import io.sipdrill.dashboards.OutageJournal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.ProbeResult;
import io.sipdrill.load.journal.JournalEvent.Slo;
import io.sipdrill.load.journal.JournalEvent.SteadyState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outage journal with h8 left on the backup, judged by six SLOs and a steady-state hypothesis:
 * <pre>
 * failover.t50_s            ≤ 300 s   measured 120 s     pass
 * failback.t90_s            ≤ 900 s   never reached      fail (not measured)
 * reached_backup_pct        ≥ 80 %    measured 90 %      pass
 * stuck_on_backup_pct       ≤ 5 %     measured 11.1 %    fail
 * register_latency_ms.p95   ≤ 300 ms  measured 350 ms    fail
 * no_such.metric_pct        ≤ 1 %     unknown            fail
 * before registered-on primary   ≥ 95 %  100 %          ok
 * after  registered-on primary   ≥ 95 %  80 %           not met
 * after  inbound-call-success    ≥ 99 %  not measured   not met
 * </pre>
 */
final class ProbeJournal {

    private ProbeJournal() {
    }

    static Map<String, Slo> slos() {
        Map<String, Slo> slo = new LinkedHashMap<>(OutageJournal.slos());
        slo.put("register_latency_ms.p95", new Slo(null, 300.0));
        slo.put("no_such.metric_pct", new Slo(null, 1.0));
        return slo;
    }

    static List<JournalEvent> events() {
        List<JournalEvent> e = new ArrayList<>(OutageJournal.events("registrar-outage", false, slos()));
        e.add(new ProbeResult(9_000, "before", "registered-on primary", 100.0, 95.0, null, true));
        e.add(new SteadyState(9_000, "before", true));
        e.add(new ProbeResult(29_000, "after", "registered-on primary", 80.0, 95.0, null, false));
        e.add(new ProbeResult(29_000, "after", "inbound-call-success", null, 99.0, null, false));
        e.add(new SteadyState(29_000, "after", false));
        return e;
    }
}
