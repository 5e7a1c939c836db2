package io.switchboard.dialog.internal;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.QueueReference;
import org.apache.camel.component.seda.SedaEndpoint;

/**
 * Where dialog events go ({@code events.endpoint}). The default is a seda queue that discards what nobody consumes
 * ({@code seda:dialog-events?discardIfNoConsumers=true}); while no route reads it, an event is dropped here, before its
 * body, headers and exchange are built (four events per call, about 5 % of the call path's allocation when the seda
 * producer discarded them itself). Any other endpoint gets every event. The endpoint is resolved once.
 */
final class DialogEventSink {

    private final CamelContext context;
    private final ProducerTemplate template;
    private final String uri;
    private volatile Endpoint endpoint;

    DialogEventSink(CamelContext context, ProducerTemplate template, String uri) {
        this.context = context;
        this.template = template;
        this.uri = uri;
    }

    /** False when the event would be discarded unread: a seda queue with discardIfNoConsumers and no consumer. */
    boolean wanted() {
        return !(endpoint() instanceof SedaEndpoint seda
                && seda.isDiscardIfNoConsumers()
                && !seda.isFailIfNoConsumers()
                && unconsumed(seda.getQueueReference()));
    }

    private static boolean unconsumed(QueueReference queue) {
        return queue != null && !queue.hasConsumers(); // no queue yet: the producer decides, as before
    }

    void send(DialogTracker.Event ev) {
        if (!wanted()) {
            return;
        }
        Map<String, Object> body = ev.dialog().toMap();
        body.put("feature", ev.feature());
        template.sendBodyAndHeaders(endpoint(), body, DialogComponent.headers(ev));
    }

    private Endpoint endpoint() {
        Endpoint e = endpoint;
        if (e == null) {
            e = context.getEndpoint(uri); // throws, as sending to it did, for a URI no component serves
            endpoint = e;
        }
        return e;
    }
}
