package io.switchboard.dialplan.internal;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** The options of one {@code dialplan:translate} endpoint. */
@UriParams
public class DialplanConfiguration {

    /** The input and output that mean the Request-URI's user (header SipRequestUri), Kamailio's $rU. */
    static final String RURI_USER = "ruri.user";

    @UriPath(enums = "translate", description = "translate: run the input through dial plan id")
    @Metadata(required = true)
    private String action;

    @UriParam(label = "producer", description = "the dial plan (dpid) whose rules are tried")
    @Metadata(required = true)
    private Integer id;

    @UriParam(
            label = "producer",
            defaultValue = RURI_USER,
            description = "what is translated: ruri.user (the user part of header SipRequestUri) or the name of a"
                    + " Camel header")
    private String input = RURI_USER;

    @UriParam(
            label = "producer",
            defaultValue = RURI_USER,
            description = "where the result goes: ruri.user (the user part of SipRequestUri, which location:lookup"
                    + " reads) or the name of a Camel header (SipProxyHeader.X-Foo puts it on the relayed request)")
    private String output = RURI_USER;

    public String getAction() {
        return action;
    }

    /** @throws IllegalArgumentException for anything but translate, so a typo fails when the route starts */
    public void setAction(String action) {
        if (!"translate".equals(action)) {
            throw new IllegalArgumentException("Unknown dialplan endpoint '" + action + "': use dialplan:translate");
        }
        this.action = action;
    }

    public Integer getId() {
        return id;
    }

    public void setId(Integer id) {
        this.id = id;
    }

    public String getInput() {
        return input;
    }

    public void setInput(String input) {
        this.input = input;
    }

    public String getOutput() {
        return output;
    }

    public void setOutput(String output) {
        this.output = output;
    }
}
