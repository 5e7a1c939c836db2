package io.switchboard.diameter.internal;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/**
 * The options of one {@code diameter:application[?options]} endpoint. The node's own settings (identity, port,
 * peers, watchdog) are shared by every endpoint and come from Config Admin ({@code io.switchboard.diameter}).
 */
@UriParams
public class DiameterConfiguration {

    @UriPath(description = "The application by its dictionary name, e.g. cx (Application-Id 16777216)")
    @Metadata(required = true)
    private String application;

    @UriParam(
            label = "producer",
            description = "Identity (Origin-Host) of the peer requests go to; empty: the request's Destination-Host,"
                    + " else the first open peer sharing the application. The header DiameterPeer overrides it")
    private String peer;

    @UriParam(
            label = "producer",
            description = "When the body is not a DiameterMessage: the command (name or abbreviation, e.g. UAR) of"
                    + " the request built with our identity, a new Session-Id and the body's AVPs (a List of Avp)")
    private String command;

    @UriParam(
            label = "producer",
            description = "Destination-Realm of the requests built from the command option; empty: the realm of"
                    + " the peer option's peer when it is open")
    private String destinationRealm;

    @UriParam(
            label = "producer",
            defaultValue = "0",
            description = "Milliseconds to wait for the answer; 0: the request.timeout setting (10 s)")
    private long timeout;

    public String getApplication() {
        return application;
    }

    public void setApplication(String application) {
        this.application = application;
    }

    public String getPeer() {
        return peer;
    }

    public void setPeer(String peer) {
        this.peer = peer;
    }

    public String getCommand() {
        return command;
    }

    public void setCommand(String command) {
        this.command = command;
    }

    public String getDestinationRealm() {
        return destinationRealm;
    }

    public void setDestinationRealm(String destinationRealm) {
        this.destinationRealm = destinationRealm;
    }

    public long getTimeout() {
        return timeout;
    }

    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }
}
