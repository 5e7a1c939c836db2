package io.switchboard.homer.internal;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * A {@code homer:} endpoint: {@code timer} consumes (one exchange per sync interval while enabled), {@code sync}
 * runs a sync, {@code inventory} reads the inventory file. The settings, not the URI, say when and against which
 * Homer: the shipped route file then needs no edit to be turned on.
 */
@UriEndpoint(
        firstVersion = "0.1.0",
        scheme = "homer",
        title = "Homer alias sync",
        syntax = "homer:kind",
        category = {Category.MONITORING})
public class HomerEndpoint extends DefaultEndpoint {

    @UriPath(enums = "timer,sync,inventory", description = "timer (consumer), sync or inventory (producers)")
    private final String kind;

    @UriParam(
            label = "producer",
            defaultValue = "false",
            description = "sync: fail the exchange when the sync fails; false: the error is logged and set as the "
                    + "HomerSyncError header, and the route goes on (a timer route never stops on a Homer outage)")
    private boolean throwOnError;

    HomerEndpoint(String uri, HomerComponent component, String kind) {
        super(uri, component);
        this.kind = kind;
    }

    @Override
    public HomerComponent getComponent() {
        return (HomerComponent) super.getComponent();
    }

    public boolean isThrowOnError() {
        return throwOnError;
    }

    public void setThrowOnError(boolean throwOnError) {
        this.throwOnError = throwOnError;
    }

    @Override
    public Producer createProducer() {
        return switch (kind) {
            case "sync" -> new SyncProducer(this);
            case "inventory" -> new InventoryFileProducer(this);
            default -> throw new IllegalArgumentException("homer:timer is a consumer (from), not a producer (to)");
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (!kind.equals("timer")) {
            throw new IllegalArgumentException("homer:" + kind + " is a producer (to), not a consumer (from)");
        }
        Consumer c = new SyncTimerConsumer(this, processor);
        configureConsumer(c);
        return c;
    }
}
