package io.sipdrill.app;

import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.DrillEnded;
import io.sipdrill.load.journal.JournalEvent.DrillStarted;
import io.sipdrill.load.journal.JournalEvent.FaultStep;
import io.sipdrill.load.journal.JournalEvent.HandsetState;
import io.sipdrill.load.journal.JournalEvent.Pop;
import io.sipdrill.load.journal.JournalEvent.Transaction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A registrar outage of any size, for comparing runs: N handsets at 20× register at drill second 1, the
 * registrar goes dark from 10 s to 20 s, every handset's refresh times out at 10.5 s (7 sends), and
 * handset i reaches the backup at 11 s + i × (failover ÷ N), then fails back at 21 s + i × (4 s ÷ N).
 * Everything but the failover spread is per handset, so two sizes differ only where the spread does.
 */
final class FailoverJournal {

    static final double SCALE = 20;

    private FailoverJournal() {
    }

    /** @param failoverMs drill ms over which the handsets reach the backup (T100 ≈ 1 s + this, × 20 real) */
    static List<JournalEvent> events(int handsets, long failoverMs) {
        List<JournalEvent> e = new ArrayList<>();
        e.add(new DrillStarted(0, "registrar-outage", "embedded", handsets, SCALE, "127.0.1.1", "127.0.2.1", Map.of()));
        for (int h = 0; h < handsets; h++) {
            e.add(tx(1000, h, Pop.PRIMARY, "initial", 200, "ok", (h % 10 + 1) * 10.0, 1));
            e.add(new HandsetState(1000, h, Pop.PRIMARY, "registered", 60.0, null));
        }
        e.add(new FaultStep(10_000, "start", "registrar-outage", "registrar", "drop 100%"));
        for (int h = 0; h < handsets; h++) {
            e.add(tx(10_500, h, Pop.PRIMARY, "refresh", null, "timeout", null, 7));
            e.add(new HandsetState(10_500, h, Pop.NONE, "lost", null, null));
            long atBackup = 11_000 + h * failoverMs / handsets;
            e.add(tx(atBackup, h, Pop.BACKUP, "failover", 200, "ok", 200.0, 1));
            e.add(new HandsetState(atBackup, h, Pop.BACKUP, "registered", 60.0, null));
        }
        e.add(new FaultStep(20_000, "end", "registrar-outage", "registrar", null));
        for (int h = 0; h < handsets; h++) {
            long back = 21_000 + h * 4_000L / handsets;
            e.add(tx(back, h, Pop.PRIMARY, "failback", 200, "ok", 20.0, 1));
            e.add(new HandsetState(back, h, Pop.PRIMARY, "registered", 60.0, null));
        }
        e.add(new DrillEnded(30_000, "completed"));
        return e;
    }

    private static Transaction tx(long t, int h, Pop pop, String purpose, Integer code, String outcome,
                                  Double latencyMs, int sent) {
        return new Transaction(t, h, pop, "REGISTER", purpose, code, outcome, latencyMs, sent);
    }
}
