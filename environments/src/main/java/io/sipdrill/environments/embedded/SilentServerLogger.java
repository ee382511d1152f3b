package io.sipdrill.environments.embedded;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;

import javax.sip.SipStack;
import java.util.Properties;

/**
 * The RI stack's message logger, set through {@code gov.nist.javax.sip.SERVER_LOGGER}: discards
 * everything, because the drill journal records what matters and the default one needs log4j.
 */
public final class SilentServerLogger implements ServerLogger {

    public SilentServerLogger() {
        // Instantiated reflectively by the stack.
    }

    @Override
    public void closeLogFile() {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
    }

    @Override
    public void logException(Exception ex) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public void setSipStack(SipStack sipStack) {
    }
}
