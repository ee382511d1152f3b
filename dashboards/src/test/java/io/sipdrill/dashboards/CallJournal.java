package io.sipdrill.dashboards;

import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.CallEnded;
import io.sipdrill.load.journal.JournalEvent.DdiRoute;
import io.sipdrill.load.journal.JournalEvent.DrillEnded;
import io.sipdrill.load.journal.JournalEvent.DrillStarted;
import io.sipdrill.load.journal.JournalEvent.FaultStep;
import io.sipdrill.load.journal.JournalEvent.Pop;
import io.sipdrill.load.journal.JournalEvent.Slo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-made call journal, real time (scale 1), small enough to check every number on paper.
 * A registrar outage from 10 s to 20 s; DDI routing to the backup at 14 s and back at 21 s.
 * "at" is when the caller learned the outcome (the 200: line time − talk), which picks the phase.
 *
 * <pre>
 * #  line ms  at ms  pop     dir  outcome    cause      setup  pdd  retr  media (loss jitter mos)
 * 1   5 000   3 000  primary in   answered              100    50   0     0    2   4.4
 * 2   6 000   3 000  primary out  answered              200    80   1     1    4   4.2
 * 3   7 000   6 000  primary in   voicemail             (20000) 60  0
 * 4   8 000   8 000  primary in   failed     not_found               0
 * 5  12 000   8 000  primary out  answered              300   100   2          (hang-up in the fault: still baseline)
 * 6  11 000  11 000  primary in   failed     timeout                 6
 * 7  12 500  12 500  primary in   failed     503                     0
 * 8  13 000  13 000  primary out  failed     timeout                 6
 * 10 17 000  15 000  backup  in   answered              400   150   0     5   30   3.0
 * 11 18 000  18 000  backup  in   cancelled             120          0
 * 13 25 000  23 000  primary in   answered              150    70   0     0    1   4.4
 * 14 26 000  24 000  primary out  answered              250    90   0
 * 15 27 000  27 000  primary in   failed     busy                    0
 * </pre>
 * 13 attempted: 6 answered, 1 voicemail, 5 failed, 1 cancelled → answered 7/13 = 53.8%.
 * Setup (answered only) 100 150 200 250 300 400 → p50 200, p95 400; PDD 50 60 70 80 90 100 120 150
 * → p50 80, p95 150; retransmissions 15 / 13 = 1.154; RTP on 4 calls: loss p95 5, mean 1.5;
 * jitter p95 30, mean 9.25; MOS p5 3.0, mean 4.0.
 */
public final class CallJournal {

    private CallJournal() {
    }

    public static Map<String, Slo> slos() {
        Map<String, Slo> slo = new LinkedHashMap<>();
        slo.put("calls.answered_pct", new Slo(99.0, null));
        slo.put("rtp.mos.p5", new Slo(4.0, null));
        return slo;
    }

    public static List<JournalEvent> events() {
        return events(slos(), true);
    }

    /** @param withFault false: the same calls with no fault steps (a drill that is all baseline) */
    public static List<JournalEvent> events(Map<String, Slo> slo, boolean withFault) {
        List<JournalEvent> e = new ArrayList<>();
        e.add(new DrillStarted(0, "call-load", "embedded", 10, 1, "127.0.1.1", "127.0.2.1", slo));
        e.add(answered(5_000, 0, Pop.PRIMARY, "in", 100, 50, 2000, 0, 0.0, 2.0, 4.4));
        e.add(answered(6_000, 1, Pop.PRIMARY, "out", 200, 80, 3000, 1, 1.0, 4.0, 4.2));
        e.add(new CallEnded(7_000, 2, Pop.PRIMARY, "in", "voicemail", 200, null, 20_000.0, 60.0, 1000.0, 1, 0,
                null, null, null));
        e.add(failed(8_000, 3, Pop.PRIMARY, "in", 404, "not_found", 0));
        if (withFault) {
            e.add(new FaultStep(10_000, "start", "registrar-outage", "registrar", "drop 100%"));
        }
        e.add(failed(11_000, 5, Pop.PRIMARY, "in", null, "timeout", 6));
        e.add(answered(12_000, 4, Pop.PRIMARY, "out", 300, 100, 4000, 2, null, null, null));
        e.add(failed(12_500, 6, Pop.PRIMARY, "in", 503, "503", 0));
        e.add(failed(13_000, 7, Pop.PRIMARY, "out", null, "timeout", 6));
        e.add(new DdiRoute(14_000, Pop.BACKUP, "operator: primary dark"));
        e.add(answered(17_000, 5, Pop.BACKUP, "in", 400, 150, 2000, 0, 5.0, 30.0, 3.0));
        e.add(new CallEnded(18_000, 6, Pop.BACKUP, "in", "cancelled", null, "cancelled", null, 120.0, null, 1, 0,
                null, null, null));
        if (withFault) {
            e.add(new FaultStep(20_000, "end", "registrar-outage", "registrar", null));
        }
        e.add(new DdiRoute(21_000, Pop.PRIMARY, "operator: primary back"));
        e.add(answered(25_000, 8, Pop.PRIMARY, "in", 150, 70, 2000, 0, 0.0, 1.0, 4.4));
        e.add(answered(26_000, 9, Pop.PRIMARY, "out", 250, 90, 2000, 0, null, null, null));
        e.add(failed(27_000, 0, Pop.PRIMARY, "in", 486, "busy", 0));
        e.add(new DrillEnded(30_000, "completed"));
        return e;
    }

    /** Writes {@link #events()} as journal.jsonl lines. */
    public static java.nio.file.Path write(java.nio.file.Path file) {
        return OutageJournal.write(file, events());
    }

    public static CallEnded answered(long t, int h, Pop pop, String dir, double setupMs, double pddMs, double talkMs,
                                     int retransmits, Double loss, Double jitter, Double mos) {
        return new CallEnded(t, h, pop, dir, "answered", 200, null, setupMs, pddMs, talkMs, 1 + Math.min(retransmits, 1),
                retransmits, loss, jitter, mos);
    }

    public static CallEnded failed(long t, int h, Pop pop, String dir, Integer code, String cause, int retransmits) {
        return new CallEnded(t, h, pop, dir, "failed", code, cause, null, null, null, 1 + retransmits, retransmits,
                null, null, null);
    }
}
