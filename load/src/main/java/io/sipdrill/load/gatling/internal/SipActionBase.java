package io.sipdrill.load.gatling.internal;

import com.typesafe.scalalogging.Logger;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.commons.util.Clock;
import io.gatling.commons.validation.Validation;
import io.gatling.core.action.Action;
import io.gatling.core.action.ChainableAction;
import io.gatling.core.action.RequestAction;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import scala.Function1;
import scala.Option;
import scala.collection.immutable.List;
import scala.collection.immutable.Nil$;
import scala.runtime.BoxedUnit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one adapter between our Java actions and Gatling's Scala action traits (see
 * {@code GATLING.md}): logger, the two synthetic super-accessors, and the accessors Gatling reads.
 * It also owns every call into Gatling's stats engine and every hop back onto a virtual user's
 * thread, so subclasses only start SIP work and report what came back.
 *
 * <p>Subclasses implement {@link #send}: start the work without blocking and, when it is over,
 * call {@link #report} for each transaction and then {@link #proceed} (or attach the proceed step
 * to the last report) so the user moves on.
 */
public abstract class SipActionBase implements RequestAction {

    private static final MethodHandle ACTION_BANG;
    private static final MethodHandle CHAINABLE_BANG;

    static {
        MethodType type = MethodType.methodType(void.class, Action.class, Session.class);
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            ACTION_BANG = lookup.findStatic(Action.class, "$bang$", type);
            CHAINABLE_BANG = lookup.findStatic(ChainableAction.class, "$bang$",
                    MethodType.methodType(void.class, ChainableAction.class, Session.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("Gatling's action traits changed shape: " + e);
        }
    }

    @SuppressWarnings("unchecked")
    private static final List<String> NO_GROUPS = (List<String>) (Object) Nil$.MODULE$;

    private final Logger logger = Logger.apply(getClass());
    private final String name;
    private final Function1<Session, Validation<String>> requestName;
    private final StatsEngine statsEngine;
    private final Clock clock;
    private final Action next;

    protected SipActionBase(String name, Function1<Session, Validation<String>> requestName, ScenarioContext ctx,
                            Action next) {
        this.name = name;
        this.requestName = requestName;
        this.statsEngine = ctx.coreComponents().statsEngine();
        this.clock = ctx.coreComponents().clock();
        this.next = next;
    }

    // ---- what Gatling's traits need ------------------------------------------------------------

    @Override
    public Logger logger() {
        return logger;
    }

    @Override
    public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger ignored) {
        // the logger is a final field set above; Scala's trait initialiser has nothing to add
    }

    /** Synthetic in Scala, invisible to javac, required at run time: ChainableAction's {@code super.!}. */
    public void io$gatling$core$action$ChainableAction$$super$$bang(Session session) {
        invoke(ACTION_BANG, session);
    }

    /** Synthetic in Scala, invisible to javac, required at run time: ExitableAction's {@code super.!}. */
    public void io$gatling$core$action$ExitableAction$$super$$bang(Session session) {
        invoke(CHAINABLE_BANG, session);
    }

    private void invoke(MethodHandle superBang, Session session) {
        try {
            superBang.invoke(this, session);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public StatsEngine statsEngine() {
        return statsEngine;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Action next() {
        return next;
    }

    @Override
    public Function1<Session, Validation<String>> requestName() {
        return requestName;
    }

    /** Resolves the request name and starts the request; Gatling logs a failure as a crash and moves on. */
    @Override
    public final Validation<BoxedUnit> sendRequest(Session session) {
        Validation<String> resolved = SipExpressions.resolve(requestName, session);
        String failure = SipExpressions.failure(resolved);
        if (failure == null) {
            failure = send(session, SipExpressions.value(resolved));
        }
        return failure == null ? Validation.unit() : SipExpressions.fail(failure);
    }

    /**
     * Starts the request without blocking.
     *
     * @return null once started, or why it could not start (e.g. a session attribute is missing)
     */
    protected abstract String send(Session session, String requestName);

    // ---- reporting back ------------------------------------------------------------------------

    /** Gatling's clock, for request start and end stamps. */
    public long nowMillis() {
        return clock.nowMillis();
    }

    /**
     * On the user's thread: logs {@code record} to Gatling's statistics, then runs its
     * continuation, if any. Nothing happens once the user's event loop is shut down (the run is over).
     */
    public void report(SipTxRecord record) {
        onUserThread(record.session(), () -> {
            Status status = record.ok() ? OK$.MODULE$ : KO$.MODULE$;
            statsEngine.logResponse(record.session().scenario(),
                    record.withGroups() ? record.session().groups() : NO_GROUPS,
                    record.name(), record.startMillis(), record.endMillis(), status,
                    Option.apply(record.code() == null ? null : record.code().toString()),
                    Option.apply(record.ok() ? null : record.message()));
            Runnable then = record.then();
            if (then != null) {
                then.run();
            }
        });
    }

    /**
     * Moves the virtual user on to the next action. Call on the user's thread (from a record's
     * continuation) or from anywhere through {@link #proceedLater}.
     *
     * @param failure null for OK, otherwise the session is marked failed
     * @param saves   values checks saved (possibly empty)
     */
    public void proceed(Session session, String failure, Map<String, Object> saves) {
        Session s = session;
        for (Map.Entry<String, Object> e : saves.entrySet()) {
            s = s.set(e.getKey(), e.getValue());
        }
        if (failure != null) {
            s = s.markAsFailed();
        }
        next.$bang(s);
    }

    /** {@link #proceed} after hopping onto the user's thread. */
    public void proceedLater(Session session, String failure, Map<String, Object> saves) {
        onUserThread(session, () -> proceed(session, failure, saves));
    }

    /** Reports a request that could not even be sent as KO (at "now"), then moves the user on. */
    public void failNow(Session session, String requestName, String message) {
        long now = nowMillis();
        SipTxRecord record = new SipTxRecord(this, session, true, requestName, null, now, now, null, false, message);
        record.then(() -> proceed(session, message, Map.of()));
        report(record);
    }

    private void onUserThread(Session session, Runnable task) {
        io.netty.channel.EventLoop loop = session.eventLoop();
        if (loop == null || loop.isShutdown()) {
            return; // the run is over: there is no one left to tell
        }
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    logger.underlying().error("SIP action " + name + " failed to report", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // shut down between the check and the call: same as above
        }
    }
}
