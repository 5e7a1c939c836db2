package io.switchboard.esl.internal;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/**
 * The options of an {@code esl:} endpoint. Inbound endpoints ({@code api}, {@code bgapi}, {@code events}) name a
 * configured server ({@code server}) or give {@code host}, {@code port} and {@code password} themselves; endpoints
 * naming the same server share one connection.
 */
@UriParams
public class EslConfiguration {

    @UriPath(
            enums = "api,bgapi,events,outbound,execute,hangup",
            description = "api, bgapi (run commands), events (consume events), outbound (the socket server calls "
                    + "connect to), execute, hangup (steps of an outbound call)")
    @Metadata(required = true)
    private String kind;

    @UriParam(
            label = "common",
            defaultValue = "default",
            description = "The configured server (etc/io.switchboard.esl.server-<name>.cfg) of an inbound endpoint")
    private String server = "default";

    @UriParam(
            label = "common",
            description = "Inbound: the FreeSWITCH host to connect to instead of a configured server. Outbound: the "
                    + "address to listen on (default the outbound.host setting, 127.0.0.1)")
    private String host;

    @UriParam(
            label = "common",
            description = "Inbound: the Event Socket port with host (default 8021). Outbound: the port to listen on "
                    + "(default 8084)")
    private Integer port;

    @UriParam(
            label = "common,security",
            secret = true,
            defaultValue = "ClueCon",
            description = "The Event Socket password with host")
    private String password = "ClueCon";

    @UriParam(
            label = "common",
            enums = "plain,json,xml",
            defaultValue = "plain",
            description = "The event format of a connection given by host (one per socket)")
    private String format = "plain";

    @UriParam(
            label = "producer",
            description = "api/bgapi: the command when neither the EslCommand header nor the body gives one")
    private String command;

    @UriParam(
            label = "producer",
            defaultValue = "true",
            description = "bgapi: complete the exchange when the BACKGROUND_JOB event arrives (body: the job's "
                    + "output); false: at once, with the Job-UUID as body")
    private boolean waitForJob = true;

    @UriParam(
            label = "producer",
            description = "api: milliseconds to wait for the reply; bgapi: for the job's result (default the "
                    + "api.timeout and job.timeout settings)")
    private Long timeout;

    @UriParam(
            label = "consumer",
            description = "events: the events to consume, space- or comma-separated (ALL, CHANNEL_ANSWER, DTMF, "
                    + "CUSTOM sofia::register ...; default ALL). outbound: the events of the call delivered to the "
                    + "route besides the connect (default DTMF CHANNEL_HANGUP_COMPLETE)")
    private String events;

    @UriParam(
            label = "consumer",
            description = "events: socket filters 'Header value;Header value' (they apply to the whole connection "
                    + "of the server)")
    private String filters;

    @UriParam(
            label = "consumer",
            defaultValue = "true",
            description = "outbound: send linger so the final events arrive after hang-up (needs the socket "
                    + "application's full option)")
    private boolean linger = true;

    @UriParam(
            label = "consumer",
            defaultValue = "true",
            description = "outbound: hang the call up when its route ends and the call is still up")
    private boolean hangupAfterRoute = true;

    @UriParam(label = "producer", description = "execute: the application (answer, playback, bridge ...)")
    private String app;

    @UriParam(label = "producer", description = "execute: the application's argument")
    private String arg;

    @UriParam(
            label = "producer",
            defaultValue = "true",
            description = "execute: send event-lock: true (queued applications run strictly one after the other)")
    private boolean eventLock = true;

    @UriParam(label = "producer", defaultValue = "NORMAL_CLEARING", description = "hangup: the Q.850 cause name")
    private String cause = "NORMAL_CLEARING";

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getServer() {
        return server;
    }

    public void setServer(String server) {
        this.server = server;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public String getCommand() {
        return command;
    }

    public void setCommand(String command) {
        this.command = command;
    }

    public boolean isWaitForJob() {
        return waitForJob;
    }

    public void setWaitForJob(boolean waitForJob) {
        this.waitForJob = waitForJob;
    }

    public Long getTimeout() {
        return timeout;
    }

    public void setTimeout(Long timeout) {
        this.timeout = timeout;
    }

    public String getEvents() {
        return events;
    }

    public void setEvents(String events) {
        this.events = events;
    }

    public String getFilters() {
        return filters;
    }

    public void setFilters(String filters) {
        this.filters = filters;
    }

    public boolean isLinger() {
        return linger;
    }

    public void setLinger(boolean linger) {
        this.linger = linger;
    }

    public boolean isHangupAfterRoute() {
        return hangupAfterRoute;
    }

    public void setHangupAfterRoute(boolean hangupAfterRoute) {
        this.hangupAfterRoute = hangupAfterRoute;
    }

    public String getApp() {
        return app;
    }

    public void setApp(String app) {
        this.app = app;
    }

    public String getArg() {
        return arg;
    }

    public void setArg(String arg) {
        this.arg = arg;
    }

    public boolean isEventLock() {
        return eventLock;
    }

    public void setEventLock(boolean eventLock) {
        this.eventLock = eventLock;
    }

    public String getCause() {
        return cause;
    }

    public void setCause(String cause) {
        this.cause = cause;
    }
}
