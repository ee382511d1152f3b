package io.sipdrill.load.handset;

import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.sip.message.AsciiWriter;
import io.sipdrill.load.sip.message.RegisterTemplate;
import io.sipdrill.load.sip.transaction.TransactionLayer;
import io.sipdrill.load.time.DrillClock;

import java.net.InetSocketAddress;

/**
 * What every handset on one event loop shares: the transaction layer, the request template and
 * writer, where the two POPs are, the journal and the live counts. One per loop, so
 * a handset carries only its own state.
 */
public final class HandsetContext {

    private final TransactionLayer transactions;
    private final RegisterTemplate template;
    private final AsciiWriter writer = new AsciiWriter();
    private final InetSocketAddress primary;
    private final InetSocketAddress backup;
    private final Journal journal;
    private final DrillClock clock;
    private final PopCounts counts;

    public HandsetContext(TransactionLayer transactions, RegisterTemplate template, InetSocketAddress primary,
                          InetSocketAddress backup, Journal journal, DrillClock clock,
                          PopCounts counts) {
        this.transactions = transactions;
        this.template = template;
        this.primary = primary;
        this.backup = backup;
        this.journal = journal;
        this.clock = clock;
        this.counts = counts;
    }

    public TransactionLayer transactions() { return transactions; }
    public RegisterTemplate template() { return template; }
    AsciiWriter writer() { return writer; }
    public Journal journal() { return journal; }
    public DrillClock clock() { return clock; }
    public PopCounts counts() { return counts; }

    public InetSocketAddress address(Pop pop) {
        return pop == Pop.PRIMARY ? primary : backup;
    }
}
