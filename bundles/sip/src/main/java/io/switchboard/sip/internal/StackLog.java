package io.switchboard.sip.internal;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP RI's logger ({@code gov.nist.javax.sip.STACK_LOGGER}; the RI keeps one for all its stacks): the stack's
 * errors and warnings go to logger {@code gov.nist.javax.sip} as before, its debug text only when that logger is at
 * TRACE, and message tracing ({@link #TRACE_MESSAGES}, what makes the stack call {@link CaptureServerLogger}) is on
 * exactly while a capture is installed, so that without HEP the stack does no tracing work at all.
 * <p>
 * The stack asks {@link #isLoggingEnabled(int)} several times per message; through pax-logging each answer walked
 * three logger layers (1-2 % of the CPU samples at 500 calls/s). The logger's levels are therefore read at most
 * once per {@link #REFRESH_NANOS} and kept: a level changed with {@code log:set} reaches the stack within a second.
 */
public final class StackLog implements StackLogger {

    private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");
    /** How long the levels read from the logger are trusted. */
    static final long REFRESH_NANOS = 1_000_000_000L;

    /** The logger's levels as read at {@code readAt} (System.nanoTime). */
    private record Levels(boolean error, boolean warn, boolean trace, long readAt) {}

    private final Logger log;
    private final LongSupplier clock;
    private volatile Levels levels;

    /** The instance the RI creates from the class name. */
    public StackLog() {
        this(LOG, System::nanoTime);
    }

    StackLog(Logger log, LongSupplier clock) {
        this.log = log;
        this.clock = clock;
        this.levels = read();
    }

    private Levels read() {
        return new Levels(log.isErrorEnabled(), log.isWarnEnabled(), log.isTraceEnabled(), clock.getAsLong());
    }

    private Levels levels() {
        Levels l = levels;
        if (clock.getAsLong() - l.readAt() >= REFRESH_NANOS) {
            l = read();
            levels = l;
        }
        return l;
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        return switch (level) {
            case TRACE_FATAL, TRACE_ERROR -> levels().error();
            case TRACE_WARN -> levels().warn();
            case TRACE_MESSAGES -> CaptureHook.active();
            default -> levels().trace();
        };
    }

    @Override
    public boolean isLoggingEnabled() {
        return levels().trace();
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
        log.warn("JAIN-SIP", ex);
    }

    @Override
    public void logDebug(String message) {
        log.trace(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        log.trace(message, ex);
    }

    @Override
    public void logTrace(String message) {
        log.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        log.error(message);
    }

    @Override
    public void logError(String message) {
        log.error(message);
    }

    @Override
    public void logError(String message, Exception ex) {
        log.error(message, ex);
    }

    @Override
    public void logWarning(String message) {
        log.warn(message);
    }

    @Override
    public void logInfo(String message) {
        log.debug(message);
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
        return log.getName();
    }
}
