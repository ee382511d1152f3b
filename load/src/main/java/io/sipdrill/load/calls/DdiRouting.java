package io.sipdrill.load.calls;

import io.sipdrill.load.handset.Pop;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.time.DrillClock;

import java.net.InetSocketAddress;

/**
 * Which POP the carrier sends inbound DDI calls to. Operators switch it by hand in an incident
 * (11:45 to the backup, 12:05 back); every switch is journaled.
 */
public final class DdiRouting {

    private final InetSocketAddress primary;
    private final InetSocketAddress backup;
    private final Journal journal;
    private final DrillClock clock;
    private volatile Pop current = Pop.PRIMARY;

    public DdiRouting(InetSocketAddress primary, InetSocketAddress backup, Journal journal, DrillClock clock) {
        this.primary = primary;
        this.backup = backup;
        this.journal = journal;
        this.clock = clock;
    }

    public Pop current() {
        return current;
    }

    public InetSocketAddress address() {
        return address(current);
    }

    public InetSocketAddress address(Pop pop) {
        return pop == Pop.PRIMARY ? primary : backup;
    }

    /** Points inbound DDIs at {@code to}; journaled even when it already points there (the operator acted). */
    public void switchTo(Pop to, String reason) {
        current = to;
        journal.write(new JournalEvent.DdiRoute(clock.millis(), to.journal(), reason));
    }
}
