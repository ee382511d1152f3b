package io.sipdrill.dashboards;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.DrillEnded;
import io.sipdrill.load.journal.JournalEvent.DrillStarted;
import io.sipdrill.load.journal.JournalEvent.FaultStep;
import io.sipdrill.load.journal.JournalEvent.HandsetState;
import io.sipdrill.load.journal.JournalEvent.Pop;
import io.sipdrill.load.journal.JournalEvent.Slo;
import io.sipdrill.load.journal.JournalEvent.Transaction;
import io.sipdrill.load.journal.JournalMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-made journal: 10 handsets at 60×, a registrar outage from drill 10 s to 20 s, small
 * enough that every expected number in the tests can be worked out on paper (see the comments).
 *
 * <pre>
 * drill ms   what happens                                     on backup (of population 10)
 *  1 000     h0..h9 register on the primary (10..100 ms)
 * 10 000     fault start (t0)
 * 10 100     h1 refresh ok; 10 300 h2 refresh 403 (not a failure signal)
 * 10 500     h0 refresh times out, sent 7  → detection 0.5 s × 60 = 30 s
 * 11 000     h1..h4 time out (sent 7 each); h0..h4 lost
 * 12 000     h0..h4 register on the backup                   5  → failover T50 = 2 s × 60 = 120 s
 * 13 000     h5..h9 lost
 * 13 500     h8 on the backup                                6
 * 14 000     h0 lost (flaps); h5..h7 on the backup           8  (9 have touched it, only 8 are on it)
 * 16 000     h0 back on the backup                           9  → failover T90 = 6 s × 60 = 360 s
 * 20 000     fault end (tR)
 * 21 000     h0..h2 fail back; h9 (never failed over) registers on the primary, sent 3
 * 23 000     h3, h4 fail back: 5 of 9 reached                   → failback T50 = 3 s × 60 = 180 s
 * 25 000     h5..h7 fail back: 8 of 9
 * 27 000     (only with allReturn) h8 fails back: 9 of 9        → failback T90 = T100 = 420 s
 * 30 000     drill ends
 * </pre>
 */
public final class OutageJournal {

    public static final double SCALE = 60;

    private OutageJournal() {
    }

    /** SLOs that fail when h8 stays on the backup (failback T90 never reached, 11.1% stuck). */
    public static Map<String, Slo> slos() {
        Map<String, Slo> slo = new LinkedHashMap<>();
        slo.put("failover.t50_s", new Slo(null, 300.0));
        slo.put("failback.t90_s", new Slo(null, 900.0));
        slo.put("reached_backup_pct", new Slo(80.0, null));
        slo.put("stuck_on_backup_pct", new Slo(null, 5.0));
        return slo;
    }

    public static List<JournalEvent> events(boolean allReturn) {
        return events("registrar-outage", allReturn, slos());
    }

    public static List<JournalEvent> events(String drillName, boolean allReturn, Map<String, Slo> slo) {
        List<JournalEvent> e = new ArrayList<>();
        e.add(new DrillStarted(0, drillName, "embedded", 10, SCALE, "127.0.1.1", "127.0.2.1", slo));
        for (int h = 0; h < 10; h++) {
            e.add(tx(1000, h, Pop.PRIMARY, "initial", 200, "ok", (h + 1) * 10.0, 1));
            e.add(registered(1000, h, Pop.PRIMARY));
        }
        e.add(new FaultStep(10_000, "start", "registrar-outage", "registrar", "drop 100%"));
        e.add(tx(10_100, 1, Pop.PRIMARY, "refresh", 200, "ok", 30.0, 1));
        e.add(tx(10_300, 2, Pop.PRIMARY, "refresh", 403, "rejected", 40.0, 1));
        e.add(tx(10_500, 0, Pop.PRIMARY, "refresh", null, "timeout", null, 7));
        for (int h = 1; h <= 4; h++) {
            e.add(tx(11_000, h, Pop.PRIMARY, "refresh", null, "timeout", null, 7));
        }
        for (int h = 0; h <= 4; h++) {
            e.add(lost(11_000, h));
        }
        for (int h = 0; h <= 4; h++) {
            e.add(tx(12_000, h, Pop.BACKUP, "failover", 200, "ok", 200.0 + 50 * h, 1));
            e.add(registered(12_000, h, Pop.BACKUP));
        }
        for (int h = 5; h <= 9; h++) {
            e.add(lost(13_000, h));
        }
        e.add(registered(13_500, 8, Pop.BACKUP));
        e.add(lost(14_000, 0));
        for (int h = 5; h <= 7; h++) {
            e.add(registered(14_000, h, Pop.BACKUP));
        }
        e.add(registered(16_000, 0, Pop.BACKUP));
        e.add(new FaultStep(20_000, "end", "registrar-outage", "registrar", null));
        for (int h = 0; h <= 2; h++) {
            e.add(tx(21_000, h, Pop.PRIMARY, "failback", 200, "ok", 10.0 * (h + 1), 1));
            e.add(registered(21_000, h, Pop.PRIMARY));
        }
        e.add(tx(21_000, 9, Pop.PRIMARY, "retry", 200, "ok", 40.0, 3));
        e.add(registered(21_000, 9, Pop.PRIMARY));
        e.add(tx(23_000, 3, Pop.PRIMARY, "failback", 200, "ok", 50.0, 1));
        e.add(tx(23_000, 4, Pop.PRIMARY, "failback", 200, "ok", 60.0, 1));
        e.add(registered(23_000, 3, Pop.PRIMARY));
        e.add(registered(23_000, 4, Pop.PRIMARY));
        // h5..h7's failback transactions are left out to keep the recovery arithmetic small.
        for (int h = 5; h <= 7; h++) {
            e.add(registered(25_000, h, Pop.PRIMARY));
        }
        if (allReturn) {
            e.add(registered(27_000, 8, Pop.PRIMARY));
        }
        e.add(new DrillEnded(30_000, "completed"));
        return e;
    }

    public static Transaction tx(long t, int h, Pop pop, String purpose, Integer code, String outcome,
                                 Double latencyMs, int sent) {
        return new Transaction(t, h, pop, "REGISTER", purpose, code, outcome, latencyMs, sent);
    }

    public static HandsetState registered(long t, int h, Pop pop) {
        return new HandsetState(t, h, pop, "registered", 60.0, null);
    }

    public static HandsetState lost(long t, int h) {
        return new HandsetState(t, h, Pop.NONE, "lost", null, null);
    }

    /**
     * Writes the events as journal.jsonl lines, the way the run's journal writer does, in the order
     * given (lines after the end line too, which the real writer would drop). Also for the app
     * module's tests, through this module's test-jar.
     */
    public static Path write(Path file, List<JournalEvent> events) {
        ObjectWriter json = JournalMapper.shared().writerFor(JournalEvent.class);
        StringBuilder lines = new StringBuilder();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            for (JournalEvent event : events) {
                lines.append(json.writeValueAsString(event)).append('\n');
            }
            Files.writeString(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
