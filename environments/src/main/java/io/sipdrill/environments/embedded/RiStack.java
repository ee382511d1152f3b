package io.sipdrill.environments.embedded;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.SipStackImpl;

import javax.sip.DialogTerminatedEvent;
import javax.sip.PeerUnavailableException;
import javax.sip.SipProvider;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

/**
 * Creates and fully stops a JAIN-SIP RI stack. The RI's {@code stop()} marks its event scanner
 * stopped but leaves the scanner's non-daemon thread blocked on an empty queue, which would keep the
 * JVM alive after a drill; this class makes that thread exit.
 */
final class RiStack {

    private static final String SCANNER_THREAD = "EventScannerThread";
    private static final Object CREATION_LOCK = new Object();

    private final SipStackImpl stack;
    /** The scanner thread this stack started, if we could tell it from other stacks' (null otherwise). */
    private final Thread scannerThread;

    private RiStack(SipStackImpl stack, Thread scannerThread) {
        this.stack = stack;
        this.scannerThread = scannerThread;
    }

    static RiStack create(Properties properties) throws PeerUnavailableException {
        // Serialised so the one new scanner thread is ours; other code creating stacks meanwhile just makes us fall back.
        synchronized (CREATION_LOCK) {
            Set<Thread> before = scannerThreads();
            SipStackImpl s = new SipStackImpl(properties);
            Set<Thread> started = scannerThreads();
            started.removeAll(before);
            return new RiStack(s, started.size() == 1 ? started.iterator().next() : null);
        }
    }

    SipStackImpl stack() {
        return stack;
    }

    /** @param provider the stack's provider, or null if none was created */
    void stop(SipProvider provider) {
        // stop() forgets the scanner, so take hold of it first.
        EventScanner scanner = stack.getEventScanner();
        stack.stop();
        if (scanner != null && provider != null) {
            // An event our listener ignores wakes the scanner, which then sees it is stopped and exits.
            // (The scanner insists the event's source is a provider.)
            scanner.addEvent(new EventWrapper(new DialogTerminatedEvent(provider, null), null));
        } else if (scannerThread != null) {
            scannerThread.interrupt();
        }
    }

    private static Set<Thread> scannerThreads() {
        Set<Thread> out = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (SCANNER_THREAD.equals(t.getName())) {
                out.add(t);
            }
        }
        return out;
    }
}
