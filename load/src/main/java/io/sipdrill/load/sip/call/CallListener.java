package io.sipdrill.load.sip.call;

/** What the owner of a call (a handset, the carrier, the voicemail) hears, on the event loop thread. */
public interface CallListener {

    /** 180/183 reached the caller, or the callee sent 180. */
    default void onRinging(Call call) {
    }

    /** The call is answered: the caller got the 2xx, or the callee got the ACK. */
    default void onAnswered(Call call) {
    }

    /** The call is over, whichever way. Called exactly once. */
    void onEnded(Call call, CallResult result);

    CallListener IGNORE = (call, result) -> { };
}
