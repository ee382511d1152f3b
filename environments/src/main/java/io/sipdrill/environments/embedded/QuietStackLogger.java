package io.sipdrill.environments.embedded;

import gov.nist.core.StackLogger;

import java.util.Properties;

/**
 * The RI stack's logger, set through {@code gov.nist.javax.sip.STACK_LOGGER}: without it the stack
 * needs log4j 1.2 on the class path. Errors go to {@link System.Logger}; everything else is dropped
 * before the stack even builds the message.
 */
public final class QuietStackLogger implements StackLogger {

    private static final System.Logger LOG = System.getLogger("io.sipdrill.environments.embedded.jainsip");

    public QuietStackLogger() {
        // Instantiated reflectively by the stack.
    }

    @Override
    public boolean isLoggingEnabled() {
        return true;
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        return level == TRACE_ERROR || level == TRACE_FATAL;
    }

    @Override
    public void logError(String message) {
        LOG.log(System.Logger.Level.WARNING, message);
    }

    @Override
    public void logError(String message, Exception ex) {
        LOG.log(System.Logger.Level.WARNING, message, ex);
    }

    @Override
    public void logFatalError(String message) {
        LOG.log(System.Logger.Level.ERROR, message);
    }

    @Override
    public void logException(Throwable ex) {
        LOG.log(System.Logger.Level.WARNING, "JAIN-SIP stack exception", ex);
    }

    @Override
    public void logStackTrace() {
    }

    @Override
    public void logStackTrace(int traceLevel) {
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logDebug(String message) {
    }

    @Override
    public void logDebug(String message, Exception ex) {
    }

    @Override
    public void logTrace(String message) {
    }

    @Override
    public void logWarning(String message) {
    }

    @Override
    public void logInfo(String message) {
    }

    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public String getLoggerName() {
        return "sipdrill-quiet";
    }
}
