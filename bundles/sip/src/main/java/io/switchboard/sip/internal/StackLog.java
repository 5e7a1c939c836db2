package io.switchboard.sip.internal;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP RI's logger ({@code gov.nist.javax.sip.STACK_LOGGER}; the RI keeps one for all its stacks): the stack's
 * errors and warnings go to logger {@code gov.nist.javax.sip} as before, its debug text only when that logger is at
 * TRACE, and message tracing ({@link #TRACE_MESSAGES}, what makes the stack call {@link CaptureServerLogger}) is on
 * exactly while a capture is installed, so that without HEP the stack does no tracing work at all.
 */
public final class StackLog implements StackLogger {

    private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");

    @Override
    public boolean isLoggingEnabled(int level) {
        return switch (level) {
            case TRACE_FATAL, TRACE_ERROR -> LOG.isErrorEnabled();
            case TRACE_WARN -> LOG.isWarnEnabled();
            case TRACE_MESSAGES -> CaptureHook.active();
            default -> LOG.isTraceEnabled();
        };
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isTraceEnabled();
    }

    @Override
    public void logStackTrace() {}

    @Override
    public void logStackTrace(int traceLevel) {}

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.warn("JAIN-SIP", ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.trace(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.trace(message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        LOG.error(message);
    }

    @Override
    public void logError(String message) {
        LOG.error(message);
    }

    @Override
    public void logError(String message, Exception ex) {
        LOG.error(message, ex);
    }

    @Override
    public void logWarning(String message) {
        LOG.warn(message);
    }

    @Override
    public void logInfo(String message) {
        LOG.debug(message);
    }

    @Override
    public void disableLogging() {}

    @Override
    public void enableLogging() {}

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {}

    @Override
    public void setStackProperties(Properties stackProperties) {}

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
