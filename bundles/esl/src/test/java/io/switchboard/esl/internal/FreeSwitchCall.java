package io.switchboard.esl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The FreeSWITCH side of one outbound call (the {@code socket} application), written from esl.md §4 and §9: it
 * connects, answers only {@code connect} first with the channel data as a CHANNEL_DATA reply (values URL-encoded,
 * {@code Reply-Text: %2BOK%0A}, Content-Type late in the block), {@code myevents} with {@code +OK Events Enabled},
 * {@code linger} with {@code +OK will linger} (or {@code -ERR command not found} without the {@code full} option),
 * each {@code sendmsg} at once with {@code +OK} (an async socket) and then CHANNEL_EXECUTE and
 * CHANNEL_EXECUTE_COMPLETE carrying the {@code event-uuid} as Application-UUID. play_and_get_digits sends the DTMF of
 * the scripted digit and sets {@code variable_<var>}. A hang-up sends CHANNEL_HANGUP, the disconnect notice
 * ({@code Content-Disposition: linger}, no body, when lingering; else {@code disconnect} with its body, and closes)
 * and CHANNEL_HANGUP_COMPLETE, then waits for the application to close the socket.
 */
public final class FreeSwitchCall implements AutoCloseable {

    final String uuid = "6f0c2a1e-1b2c-4d3e-8f40-" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L);
    public final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> executed = new CopyOnWriteArrayList<>();
    final CountDownLatch closedByApp = new CountDownLatch(1);
    private final Socket socket;
    private final OutputStream out;
    private final boolean full;
    /**
     * The caller presses no digit at the prompt and hangs up while our next step is on its way: FreeSWITCH sends
     * CHANNEL_HANGUP, then answers that step {@code -ERR invalid session id}, then the notice and
     * CHANNEL_HANGUP_COMPLETE (the order a hang-up racing a command gives on the socket).
     */
    public static final String HANG_UP_IN_FLIGHT = "hang-up-in-flight";

    /** The digit the caller presses at the prompt; null: the caller hangs up during the prompt. */
    private final String digit;

    private final boolean async;

    private volatile boolean lingering;
    private volatile boolean hungUp;
    private volatile boolean promptDone;
    private long seq = 1000;

    public FreeSwitchCall(int port, boolean full, String digit) throws IOException {
        this(port, full, digit, true);
    }

    /**
     * @param async false: a static socket (the socket application without {@code async}), which answers a
     *              {@code sendmsg} execute only after the application has finished, after its CHANNEL_EXECUTE_COMPLETE
     */
    public FreeSwitchCall(int port, boolean full, String digit, boolean async) throws IOException {
        this.async = async;
        this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
        this.out = socket.getOutputStream();
        this.full = full;
        this.digit = digit;
        Thread t = new Thread(this::run, "fs-call");
        t.setDaemon(true);
        t.start();
    }

    public boolean awaitClosedByApp(long seconds) throws InterruptedException {
        return closedByApp.await(seconds, TimeUnit.SECONDS);
    }

    private void run() {
        try (Socket s = socket) {
            InputStream in = s.getInputStream();
            String[] first = FreeSwitchDouble.readCommand(in);
            if (first == null) {
                return;
            }
            commands.add(first[0]);
            if (!first[0].equals("connect")) {
                return; // anything before connect gets no reply
            }
            write(channelData());
            for (String[] cmd; (cmd = FreeSwitchDouble.readCommand(in)) != null; ) {
                commands.add(cmd[0]);
                handle(cmd[0], cmd[1]);
            }
            if (hungUp) {
                closedByApp.countDown();
            }
        } catch (IOException e) {
            // closed
        }
    }

    private String channelData() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Event-Name", "CHANNEL_DATA");
        h.put("Core-UUID", "6d5ae0a2-0000-4000-8000-000000000001");
        h.put("Reply-Text", "+OK\n");
        h.put("Unique-ID", uuid);
        h.put("Channel-Name", "sofia/internal/1000@192.0.2.10");
        h.put("Caller-Caller-ID-Name", "Alice Smith");
        h.put("Caller-Caller-ID-Number", "1000");
        h.put("Caller-Destination-Number", "5000");
        h.put("Content-Type", "command/reply");
        h.put("Socket-Mode", async ? "async" : "static");
        h.put("Control", full ? "full" : "single-channel");
        h.put("variable_sip_from_user", "1000");
        StringBuilder sb = new StringBuilder();
        h.forEach((k, v) ->
                sb.append(k).append(": ").append(FreeSwitchDouble.urlEncode(v)).append('\n'));
        return sb.append('\n').toString();
    }

    private void handle(String cmd, String body) throws IOException {
        String first = cmd.split("\n")[0];
        if (first.equals("myevents")) {
            reply("+OK Events Enabled");
        } else if (first.equals("linger")) {
            if (full) {
                lingering = true;
                reply("+OK will linger");
            } else {
                reply("-ERR command not found");
            }
        } else if (first.startsWith("sendmsg")) {
            if (hungUp) {
                reply("-ERR invalid session id [" + uuid + "]");
                return;
            }
            if (promptDone && HANG_UP_IN_FLIGHT.equals(digit)) {
                hungUp = true;
                send(hangupEvent("NORMAL_CLEARING"));
                reply("-ERR invalid session id [" + uuid + "]");
                afterHangup("NORMAL_CLEARING");
                return;
            }
            reply("+OK");
            String command = FreeSwitchDouble.header(cmd, "call-command");
            if ("hangup".equals(command)) {
                hangup(FreeSwitchDouble.header(cmd, "hangup-cause"));
            } else if ("execute".equals(command)) {
                String arg = FreeSwitchDouble.header(cmd, "execute-app-arg");
                execute(
                        FreeSwitchDouble.header(cmd, "execute-app-name"),
                        arg != null ? arg : body,
                        FreeSwitchDouble.header(cmd, "event-uuid"));
            }
        } else {
            reply("-ERR command not found");
        }
    }

    private void execute(String app, String arg, String appUuid) throws IOException {
        executed.add(app);
        Map<String, String> start = event("CHANNEL_EXECUTE");
        start.put("Application", app);
        start.put("Application-Data", arg == null ? "" : arg);
        start.put("Application-UUID", appUuid);
        send(start);
        Map<String, String> done = event("CHANNEL_EXECUTE_COMPLETE");
        done.put("Application", app);
        done.put("Application-Data", arg == null ? "" : arg);
        done.put("Application-Response", "_none_");
        done.put("Application-UUID", appUuid);
        switch (app) {
            case "answer" -> send(event("CHANNEL_ANSWER"));
            case "playback" -> done.put("Application-Response", "FILE PLAYED");
            case "play_and_get_digits" -> {
                if (digit == null) {
                    send(done);
                    hangup("NORMAL_CLEARING");
                    return;
                }
                if (HANG_UP_IN_FLIGHT.equals(digit)) {
                    promptDone = true;
                    send(done);
                    return;
                }
                Map<String, String> dtmf = event("DTMF");
                dtmf.put("DTMF-Digit", digit);
                dtmf.put("DTMF-Duration", "2000");
                dtmf.put("DTMF-Source", "RTP");
                send(dtmf);
                done.put("variable_" + arg.split(" ")[7], digit);
            }
            case "bridge" -> done.put("variable_bridge_hangup_cause", "NORMAL_CLEARING");
            case "park" -> {
                return; // parked until hang-up: the call is held (benchmark of live sessions)
            }
            default -> {
                // other applications complete at once
            }
        }
        send(done);
    }

    private void hangup(String cause) throws IOException {
        hungUp = true;
        send(hangupEvent(cause));
        afterHangup(cause);
    }

    private Map<String, String> hangupEvent(String cause) {
        Map<String, String> h = event("CHANNEL_HANGUP");
        h.put("Hangup-Cause", cause);
        return h;
    }

    /** The disconnect notice, then CHANNEL_HANGUP_COMPLETE when lingering (else the socket closes). */
    private void afterHangup(String cause) throws IOException {
        if (lingering) {
            write("Content-Type: text/disconnect-notice\nController-Session-UUID: " + uuid
                    + "\nContent-Disposition: linger\nChannel-Name: sofia/internal/1000%40192.0.2.10\n"
                    + "Linger-Time: -1\nContent-Length: 0\n\n");
        } else {
            String bye = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";
            write("Content-Type: text/disconnect-notice\nController-Session-UUID: " + uuid
                    + "\nContent-Disposition: disconnect\nContent-Length: " + FreeSwitchDouble.bytes(bye) + "\n\n"
                    + bye);
            socket.close();
            return;
        }
        Map<String, String> c = event("CHANNEL_HANGUP_COMPLETE");
        c.put("Hangup-Cause", cause);
        c.put("variable_billsec", "3");
        send(c);
    }

    private Map<String, String> event(String name) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Event-Name", name);
        h.put("Core-UUID", "6d5ae0a2-0000-4000-8000-000000000001");
        h.put("Event-Sequence", Long.toString(seq++));
        h.put("Unique-ID", uuid);
        h.put("Channel-Name", "sofia/internal/1000@192.0.2.10");
        return h;
    }

    private void send(Map<String, String> h) throws IOException {
        write(FreeSwitchDouble.event("plain", h, null));
    }

    private void reply(String text) throws IOException {
        write("Content-Type: command/reply\nReply-Text: " + text + "\n\n");
    }

    private synchronized void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The sendmsg commands' application names, in order. */
    /**
     * The applications this call ran, in order: unlike {@link #applications()}, not those refused with {@code -ERR
     * invalid session id} because the caller had hung up (a step sent after the hang-up event was already on its
     * way, which real FreeSWITCH refuses the same way).
     */
    public List<String> executed() {
        return List.copyOf(executed);
    }

    public List<String> applications() {
        return commands.stream()
                .filter(c -> c.startsWith("sendmsg"))
                .map(c -> {
                    String a = FreeSwitchDouble.header(c, "execute-app-name");
                    return a != null ? a : "hangup:" + FreeSwitchDouble.header(c, "hangup-cause");
                })
                .toList();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
