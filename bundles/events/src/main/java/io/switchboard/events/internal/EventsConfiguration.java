package io.switchboard.events.internal;

import io.switchboard.events.EventFilter;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** The options of one {@code events:} endpoint, {@code events:name[?options]}. */
@UriParams
public class EventsConfiguration {

    static final String PUBLISH = "publish";
    static final String WAIT = "wait";
    static final String SUBSCRIBE = "subscribe";
    static final String UNSUBSCRIBE = "unsubscribe";

    @UriPath(
            description = "Producer: publish (an event of the exchange's headers), wait (suspend the route until a "
                    + "matching event or the time-out), subscribe (a run-time subscription delivering to 'to'), "
                    + "unsubscribe (header EventSubscriptionId). Consumer: the event type to consume, * for all")
    @Metadata(required = true)
    private String name;

    @UriParam(
            label = "producer",
            description = "publish, wait, subscribe: the event type (publish: required; wait and subscribe: "
                    + "required, * for every type)")
    private String type;

    @UriParam(
            description = "Conditions on the attributes, all of which must hold: name=value, name^=prefix, "
                    + "name~=regex, separated by commas (\\, inside a value); producers evaluate ${...} Simple "
                    + "expressions in it per exchange. Put a regex in RAW(...)")
    private String filter;

    @UriParam(
            label = "producer",
            defaultValue = "30000",
            description = "wait, subscribe: milliseconds until the time-out (wait: then EventTimeout=true; "
                    + "subscribe: then one exchange with EventTimeout=true goes to 'to'); subscribe: 0 for none")
    private long timeout = 30_000;

    @UriParam(label = "producer", defaultValue = "true", description = "subscribe: removed at its first match")
    private boolean oneShot = true;

    @UriParam(label = "producer", description = "subscribe: the endpoint each matching event is sent to")
    private String to;

    @UriParam(
            label = "producer",
            defaultValue = "true",
            description = "subscribe: bound to the call of header SipCallId, removed when that call's dialog ends")
    private boolean bindToCall = true;

    @UriParam(
            label = "producer",
            description = "publish: the headers that become attributes, comma-separated (default: every header "
                    + "whose value is a string, number, boolean or enum); subscribe: the headers of the subscribing"
                    + " exchange copied into every exchange sent to 'to' (the waiting call's SipCallId)")
    private String headers;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getFilter() {
        return filter;
    }

    /**
     * @throws IllegalArgumentException for a filter that does not parse (checked without its {@code ${...}} parts),
     *                                  so a typo fails when the route starts
     */
    public void setFilter(String filter) {
        if (filter != null && !filter.contains("${")) {
            EventFilter.parse(filter);
        }
        this.filter = filter;
    }

    public long getTimeout() {
        return timeout;
    }

    public void setTimeout(long timeout) {
        if (timeout < 0) {
            throw new IllegalArgumentException("events: timeout must be 0 or more milliseconds: " + timeout);
        }
        this.timeout = timeout;
    }

    public boolean isOneShot() {
        return oneShot;
    }

    public void setOneShot(boolean oneShot) {
        this.oneShot = oneShot;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public boolean isBindToCall() {
        return bindToCall;
    }

    public void setBindToCall(boolean bindToCall) {
        this.bindToCall = bindToCall;
    }

    public String getHeaders() {
        return headers;
    }

    public void setHeaders(String headers) {
        this.headers = headers;
    }
}
