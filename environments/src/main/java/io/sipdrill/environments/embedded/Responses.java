package io.sipdrill.environments.embedded;

import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.text.ParseException;

/** Builds stateless responses: the RI's {@code createResponse} plus the To tag a UAS must add. */
final class Responses {

    private final MessageFactory messages;
    private final String toTag;

    Responses(MessageFactory messages, String toTag) {
        this.messages = messages;
        // One tag per server suffices: REGISTER and OPTIONS create no dialogs that a tag would name.
        this.toTag = toTag;
    }

    Response create(int status, Request request, String reason) throws ParseException {
        Response r = messages.createResponse(status, request);
        if (reason != null) {
            r.setReasonPhrase(reason);
        }
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() == null) {
            to.setTag(toTag);
        }
        return r;
    }
}
