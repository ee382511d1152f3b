package io.sipdrill.load.gatling;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.sipdrill.load.gatling.action.AnswerActionBuilder;
import io.sipdrill.load.gatling.action.AwaitCallActionBuilder;
import io.sipdrill.load.gatling.action.HangupActionBuilder;
import io.sipdrill.load.gatling.action.OptionsActionBuilder;
import io.sipdrill.load.gatling.action.PlaceCallActionBuilder;
import io.sipdrill.load.gatling.action.RegisterActionBuilder;
import io.sipdrill.load.gatling.action.UnregisterActionBuilder;
import io.sipdrill.load.gatling.internal.SipExpressions;
import scala.Function1;

import java.util.function.Function;

/** A named SIP request, {@code SipDsl.sip("name")}: pick what it does. */
public final class SipRequestBuilder {

    private final Function1<Session, Validation<String>> name;

    SipRequestBuilder(Function1<Session, Validation<String>> name) {
        this.name = name;
    }

    /** Register the virtual user's handset (and keep it registered in the background). */
    public RegisterActionBuilder register() {
        return new RegisterActionBuilder(name);
    }

    /** Remove the virtual user's registration and stop its handset. */
    public UnregisterActionBuilder unregister() {
        return new UnregisterActionBuilder(name);
    }

    /**
     * The virtual user's handset calls {@code number} (an EL string, e.g. {@code "#{external}"})
     * through the POP it is registered on; OK when answered. Needs {@code .calls(…)} on the protocol.
     */
    public io.sipdrill.load.gatling.action.CallActionBuilder dial(String number) {
        return new io.sipdrill.load.gatling.action.CallActionBuilder(name, number,
                io.sipdrill.load.gatling.action.CallActionBuilder.Caller.HANDSET);
    }

    /**
     * The carrier calls DDI {@code ddi} (an EL string) at the POP DDI routing points at; OK when
     * answered by a handset or voicemail. Needs {@code .carrier(…)} on the protocol.
     */
    public io.sipdrill.load.gatling.action.CallActionBuilder callDdi(String ddi) {
        return new io.sipdrill.load.gatling.action.CallActionBuilder(name, ddi,
                io.sipdrill.load.gatling.action.CallActionBuilder.Caller.CARRIER);
    }

    /**
     * Scripted: the virtual user's handset calls {@code to} (an EL string: an extension, a DDI or
     * an external number) through its current POP; OK when answered, and the call stays up until
     * {@link #hangup()}. Needs {@code .calls(…)} on the protocol.
     */
    public PlaceCallActionBuilder call(String to) {
        return new PlaceCallActionBuilder(name, SipExpressions.el(to));
    }

    /** As {@link #call(String)}, the number computed from the session. */
    public PlaceCallActionBuilder call(Function<io.gatling.javaapi.core.Session, String> to) {
        return new PlaceCallActionBuilder(name, SipExpressions.function(to));
    }

    /**
     * Scripted: waits for an inbound call to the virtual user's handset; OK when one rings. Needs
     * {@code .answering(AnswerMode.SCRIPTED)} on the protocol, so the line leaves it to
     * {@link #answer()}.
     */
    public AwaitCallActionBuilder awaitCall() {
        return new AwaitCallActionBuilder(name);
    }

    /** Scripted: answers the call {@link #awaitCall()} took; OK when the ACK arrives. */
    public AnswerActionBuilder answer() {
        return new AnswerActionBuilder(name);
    }

    /** Scripted: hangs up the virtual user's current call (either direction); OK on the BYE's 200. */
    public HangupActionBuilder hangup() {
        return new HangupActionBuilder(name);
    }

    /** Send one OPTIONS to the registrar. */
    public OptionsActionBuilder options() {
        return new OptionsActionBuilder(name);
    }
}
