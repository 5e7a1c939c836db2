package io.switchboard.sdp.internal;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** The options of one {@code sdp:} endpoint, {@code sdp:action[?options]}. */
@UriParams
public class SdpConfiguration {

    static final String PARSE = "parse";
    static final String EDIT = "edit";

    @UriPath(
            enums = "parse,edit",
            description = "parse: the SDP of the message into SipSdp* headers, hold detection; edit: change it"
                    + " (the options below), then parse the result")
    @Metadata(required = true)
    private String action;

    @UriParam(
            label = "producer",
            enums = "auto,offer,answer",
            defaultValue = "auto",
            description = "whether the SDP is an offer or an answer for hold detection; auto: a request other than"
                    + " ACK carries an offer, a response or an ACK an answer")
    private String role = "auto";

    @UriParam(
            label = "producer",
            description = "edit: codecs to keep in every RTP stream, comma-separated encoding names (PCMA,"
                    + "telephone-event), optionally with the clock rate (opus/48000) or a payload type number")
    private String keepCodecs;

    @UriParam(label = "producer", description = "edit: codecs to remove from every RTP stream, named as keepCodecs")
    private String removeCodecs;

    @UriParam(
            label = "producer",
            enums = "sendrecv,sendonly,recvonly,inactive",
            description = "edit: the direction attribute every stream gets (session-level ones removed)")
    private String direction;

    @UriParam(
            label = "producer",
            description = "edit: the connection address every c= line gets (IP4, or IP6 when it has a colon)")
    private String address;

    @UriParam(label = "producer", description = "edit: the port the m= line of stream mediaIndex gets")
    private Integer port;

    @UriParam(label = "producer", defaultValue = "0", description = "edit: the stream (0-based) whose port is set")
    private int mediaIndex;

    public String getAction() {
        return action;
    }

    /** @throws IllegalArgumentException for an unknown action, so a typo fails when the route starts */
    public void setAction(String action) {
        if (!PARSE.equals(action) && !EDIT.equals(action)) {
            throw new IllegalArgumentException("Unknown sdp endpoint '" + action + "': use sdp:parse or sdp:edit");
        }
        this.action = action;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        if (!"auto".equals(role) && !"offer".equals(role) && !"answer".equals(role)) {
            throw new IllegalArgumentException("sdp: role must be auto, offer or answer, not '" + role + "'");
        }
        this.role = role;
    }

    public String getKeepCodecs() {
        return keepCodecs;
    }

    public void setKeepCodecs(String keepCodecs) {
        this.keepCodecs = keepCodecs;
    }

    public String getRemoveCodecs() {
        return removeCodecs;
    }

    public void setRemoveCodecs(String removeCodecs) {
        this.removeCodecs = removeCodecs;
    }

    public String getDirection() {
        return direction;
    }

    public void setDirection(String direction) {
        this.direction = direction;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public int getMediaIndex() {
        return mediaIndex;
    }

    public void setMediaIndex(int mediaIndex) {
        this.mediaIndex = mediaIndex;
    }
}
