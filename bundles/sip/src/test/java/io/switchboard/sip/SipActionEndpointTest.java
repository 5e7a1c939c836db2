package io.switchboard.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared endpoint of the registrar, location, sca, dfks and ussd components, reached through a Camel URI as the
 * route files reach them: the operation runs while the service is there; while it is away a request gets 503 with
 * Retry-After (an ACK nothing), or passes untouched when the operation only prepares a relay.
 */
class SipActionEndpointTest {

    /** The service of the test component: records the exchanges it got; absent while null. */
    final AtomicReference<List<String>> service = new AtomicReference<>(new ArrayList<>());

    DefaultCamelContext camel;
    ProducerTemplate template;

    /** {@code test:answer} answers (503 while away), {@code test:prepare} passes untouched while away. */
    final class TestComponent extends DefaultComponent {
        @Override
        protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
            return SipActionEndpoint.following(
                    uri,
                    this,
                    remaining,
                    service::get,
                    (s, ex) -> s.add(remaining + " " + ex.getIn().getHeader(SipHeaders.METHOD)),
                    remaining.equals("answer") ? "TEST" : null);
        }
    }

    @BeforeEach
    void setUp() {
        camel = new DefaultCamelContext();
        camel.addComponent("test", new TestComponent());
        camel.addComponent("fixed", new DefaultComponent() {
            @Override
            protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
                return SipActionEndpoint.of(uri, this, remaining, ex -> SipAnswers.answer(ex.getIn(), 202, null));
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void tearDown() throws Exception {
        camel.close();
    }

    Message send(String uri, String method) {
        Exchange ex = template.send(uri, e -> e.getIn().setHeader(SipHeaders.METHOD, method));
        return ex.getIn();
    }

    @Test
    void runsTheOperationOfTheCurrentService() {
        Message m = send("test:answer", "SUBSCRIBE");
        assertNull(m.getHeader(SipHeaders.STATUS));
        assertEquals(List.of("answer SUBSCRIBE"), service.get());
        assertEquals(
                "answer",
                camel.getEndpoint("test:answer", SipActionEndpoint.class).getOperation());
    }

    @Test
    void answers503WithRetryAfterWhileTheServiceIsAway() {
        service.set(null);
        Message m = send("test:answer", "SUBSCRIBE");
        assertEquals(503, m.getHeader(SipHeaders.STATUS));
        assertEquals("TEST Restarting", m.getHeader(SipHeaders.REASON));
        assertEquals("5", m.getHeader(SipHeaders.HEADER_PREFIX + "Retry-After"));

        Message ack = send("test:answer", "ACK");
        assertFalse(ack.getHeaders().containsKey(SipHeaders.STATUS), "an ACK is never answered");

        service.set(new ArrayList<>());
        assertNull(send("test:answer", "SUBSCRIBE").getHeader(SipHeaders.STATUS), "back once the service is");
    }

    @Test
    void anOperationWithoutAnAnswerPassesUntouchedWhileTheServiceIsAway() {
        service.set(null);
        Message m = send("test:prepare", "INVITE");
        assertFalse(m.getHeaders().containsKey(SipHeaders.STATUS));
        assertFalse(m.getHeaders().containsKey(SipHeaders.HEADER_PREFIX + "Retry-After"));
    }

    @Test
    void aFixedOperationAnswersWithTheDefaultPhraseWhenItGivesNoReason() {
        Message m = send("fixed:op", "OPTIONS");
        assertEquals(202, m.getHeader(SipHeaders.STATUS));
        assertFalse(m.getHeaders().containsKey(SipHeaders.REASON));
    }

    @Test
    void isProducerOnly() {
        Endpoint e = camel.getEndpoint("test:answer");
        UnsupportedOperationException x =
                assertThrows(UnsupportedOperationException.class, () -> e.createConsumer(ex -> {}));
        assertEquals(e.getEndpointUri() + " can only be used in to(...)", x.getMessage());
    }
}
