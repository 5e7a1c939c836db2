package io.switchboard.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The answer helper every component uses: reasons that come from elsewhere still make a valid Reason-Phrase. */
class SipAnswersTest {

    @Test
    void aReasonBecomesOnePrintableLineOfAtMost200Characters() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Message m = new DefaultExchange(camel).getIn();
            SipAnswers.answer(m, 400, "Bad Request (line 1\r\nline\t2\u007f)");
            assertEquals(400, m.getHeader(SipHeaders.STATUS));
            assertEquals("Bad Request (line 1  line 2 )", m.getHeader(SipHeaders.REASON));

            SipAnswers.answer(m, 500, "x".repeat(300));
            assertEquals(200, m.getHeader(SipHeaders.REASON, String.class).length());
        }
    }

    @Test
    void retryAfterIsAnAnswerHeader() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Message m = new DefaultExchange(camel).getIn();
            SipAnswers.retryAfter(m, 1);
            assertEquals("1", m.getHeader(SipHeaders.HEADER_PREFIX + "Retry-After"));
        }
    }
}
