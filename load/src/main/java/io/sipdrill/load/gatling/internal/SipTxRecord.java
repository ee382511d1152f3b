package io.sipdrill.load.gatling.internal;

import io.gatling.core.session.Session;

/**
 * One finished SIP transaction on its way to Gatling's statistics. Built on the SIP event loop,
 * where its verdict may still turn KO (a challenge that ended the attempt, a failed check) until
 * it is handed to {@link SipActionBase#report}; read on the user's thread after that hand-over.
 */
public final class SipTxRecord {

    private final SipActionBase reporter;
    private final Session session;
    private final boolean withGroups;
    private final String name;
    private final Object tag;
    private final long startMillis;
    private final long endMillis;
    private final Integer code;
    private boolean ok;
    private String message;
    private Runnable then;

    /**
     * @param withGroups log under the session's groups (a scenario step) or none (background work)
     * @param tag        what the caller matches later (e.g. the handset attempt's purpose); may be null
     */
    public SipTxRecord(SipActionBase reporter, Session session, boolean withGroups, String name, Object tag,
                       long startMillis, long endMillis, Integer code, boolean ok, String message) {
        this.reporter = reporter;
        this.session = session;
        this.withGroups = withGroups;
        this.name = name;
        this.tag = tag;
        this.startMillis = startMillis;
        this.endMillis = endMillis;
        this.code = code;
        this.ok = ok;
        this.message = message;
    }

    /** Turns the verdict to KO with {@code why}; a record already KO keeps its first reason. */
    public void fail(String why) {
        if (ok) {
            ok = false;
            message = why;
        }
    }

    /** What runs on the user's thread right after this record is logged (moving the user on). */
    public void then(Runnable continuation) {
        this.then = continuation;
    }

    public SipActionBase reporter() { return reporter; }
    public Session session() { return session; }
    public boolean withGroups() { return withGroups; }
    public String name() { return name; }
    public Object tag() { return tag; }
    public long startMillis() { return startMillis; }
    public long endMillis() { return endMillis; }
    public Integer code() { return code; }
    public boolean ok() { return ok; }
    public String message() { return message; }
    public Runnable then() { return then; }
}
