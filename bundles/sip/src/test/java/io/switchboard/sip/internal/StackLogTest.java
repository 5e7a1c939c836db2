package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.core.LogLevels;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The stack's level checks read the logger at most once per refresh period, and see a change after it. */
class StackLogTest {

    private final AtomicBoolean trace = new AtomicBoolean();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000);

    private final Logger logger = (Logger) Proxy.newProxyInstance(
            Logger.class.getClassLoader(), new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "isTraceEnabled":
                        reads.incrementAndGet();
                        return trace.get();
                    case "isErrorEnabled":
                    case "isWarnEnabled":
                        return true;
                    case "getName":
                        return "gov.nist.javax.sip";
                    default:
                        return null;
                }
            });

    @Test
    void levelsAreReadOncePerPeriodAndAChangeIsSeenAfterIt() {
        StackLog log = new StackLog(logger, now::get);
        int afterStart = reads.get();
        for (int i = 0; i < 1000; i++) {
            assertFalse(log.isLoggingEnabled(LogLevels.TRACE_DEBUG));
            assertTrue(log.isLoggingEnabled(LogLevels.TRACE_ERROR));
            assertTrue(log.isLoggingEnabled(LogLevels.TRACE_WARN));
        }
        assertEquals(afterStart, reads.get(), "the logger was asked again within the period");

        trace.set(true);
        now.addAndGet(StackLog.REFRESH_NANOS - 1);
        assertFalse(log.isLoggingEnabled(LogLevels.TRACE_DEBUG), "re-read before the period ended");
        now.addAndGet(1);
        assertTrue(log.isLoggingEnabled(LogLevels.TRACE_DEBUG), "a level set to TRACE not seen after the period");
        assertTrue(log.isLoggingEnabled());
        assertEquals(afterStart + 1, reads.get());
    }

    @Test
    void messageTracingFollowsTheCaptureHookNotTheLevel() {
        trace.set(true);
        StackLog log = new StackLog(logger, now::get);
        assertEquals(CaptureHook.active(), log.isLoggingEnabled(LogLevels.TRACE_MESSAGES));
    }
}
