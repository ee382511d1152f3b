package io.sipdrill.load.handset;

import io.sipdrill.load.journal.JournalEvent;

/** The two places a handset can register: the primary registrar or the backup POP. */
public enum Pop {
    PRIMARY, BACKUP;

    public Pop other() {
        return this == PRIMARY ? BACKUP : PRIMARY;
    }

    public JournalEvent.Pop journal() {
        return this == PRIMARY ? JournalEvent.Pop.PRIMARY : JournalEvent.Pop.BACKUP;
    }
}
