package io.sipdrill.load.gatling;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.sipdrill.load.gatling.action.OptionsActionBuilder;
import io.sipdrill.load.gatling.action.RegisterActionBuilder;
import io.sipdrill.load.gatling.action.UnregisterActionBuilder;
import scala.Function1;

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

    /** Send one OPTIONS to the registrar. */
    public OptionsActionBuilder options() {
        return new OptionsActionBuilder(name);
    }
}
