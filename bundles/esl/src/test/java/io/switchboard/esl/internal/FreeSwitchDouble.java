package io.switchboard.esl.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A FreeSWITCH double for the inbound Event Socket, written from esl.md (§2, §3, §7, §9), byte-exact on the wire:
 * the banner {@code Content-Type: auth/request}, {@code +OK accepted} or {@code -ERR invalid} followed by the
 * disconnect notice and close, {@code event}/{@code filter}/{@code nixevent} replies, {@code api/response} bodies,
 * bgapi's {@code +OK Job-UUID} reply and its BACKGROUND_JOB event (sent only when subscribed and let through by the
 * filters, as FreeSWITCH does), events in plain (URL-encoded values, inner Content-Length for a body) or JSON, and
 * {@code exit}. Plain blocking sockets, a thread per connection: independent of the Netty code under test.
 */
public final class FreeSwitchDouble implements AutoCloseable {

    /** One client connection. */
    public final class Conn {
        final Socket socket;
        final OutputStream out;
        final List<String> commands = new CopyOnWriteArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String[]> filters = new CopyOnWriteArrayList<>();
        volatile String format = "plain";
        volatile boolean authed;

        Conn(Socket s) throws IOException {
            this.socket = s;
            this.out = s.getOutputStream();
        }

        public List<String> commands() {
            return commands;
        }

        synchronized void write(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        boolean subscribed(Map<String, String> headers) {
            String name = headers.get("Event-Name");
            if (!events.contains("ALL") && !events.contains(name)) {
                return false;
            }
            if (filters.isEmpty()) {
                return true;
            }
            return filters.stream().anyMatch(f -> f[1].equals(headers.get(f[0])));
        }
    }

    private final ServerSocket server;
    private final List<Conn> conns = new CopyOnWriteArrayList<>();
    private final AtomicInteger authAttempts = new AtomicInteger();
    private final int port;
    private volatile String password;
    /** api command (first word) to its output; absent: -ERR command not found. */
    private final Map<String, Function<String, String>> api = new LinkedHashMap<>();

    private volatile long jobDelayMillis = 50;

    public FreeSwitchDouble(String password) throws IOException {
        this(password, 0);
    }

    public FreeSwitchDouble(String password, int port) throws IOException {
        this.password = password;
        this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.port = server.getLocalPort();
        api.put("status", args -> "UP 0 years, 0 days\nFreeSWITCH (Version 1.10.12) is ready\n");
        api.put("uuid_kill", args -> "-ERR No such channel!\n");
        api.put(
                "originate",
                args -> args.contains("user/busy")
                        ? "-ERR USER_BUSY\n"
                        : "+OK " + between(args, "origination_uuid=", ",}") + "\n");
        Thread t = new Thread(this::accept, "fs-double-accept");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return port;
    }

    public void jobDelay(long millis) {
        jobDelayMillis = millis;
    }

    public int authAttempts() {
        return authAttempts.get();
    }

    public List<Conn> connections() {
        return conns;
    }

    /** The last authenticated connection. */
    public Conn current() {
        for (int i = conns.size() - 1; i >= 0; i--) {
            if (conns.get(i).authed) {
                return conns.get(i);
            }
        }
        return null;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Conn c = new Conn(s);
                conns.add(c);
                Thread t = new Thread(() -> serve(c), "fs-double-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Conn c) {
        try (Socket s = c.socket) {
            InputStream in = s.getInputStream();
            c.write("Content-Type: auth/request\n\n");
            for (String[] cmd; (cmd = readCommand(in)) != null; ) {
                c.commands.add(cmd[0]);
                if (!handle(c, cmd[0], cmd[1])) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client or the test closed the socket
        }
    }

    /** Reads one command: its header block (first line + headers) and its body; null at end of stream. */
    static String[] readCommand(InputStream in) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n' && prev == '\n') {
                break;
            }
            if (b == '\n' && block.size() == 0) {
                continue; // blank lines before a command are ignored
            }
            block.write(b);
            prev = b;
        }
        String text = block.toString(StandardCharsets.UTF_8).strip();
        String body = "";
        for (String line : text.split("\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                int n = Integer.parseInt(line.substring(15).trim());
                body = new String(in.readNBytes(n), StandardCharsets.UTF_8);
            }
        }
        return new String[] {text, body};
    }

    private boolean handle(Conn c, String cmd, String body) throws IOException, InterruptedException {
        String first = cmd.split("\n")[0];
        if (!c.authed) {
            if (first.startsWith("auth ")) {
                authAttempts.incrementAndGet();
                if (first.substring(5).equals(password)) {
                    c.authed = true;
                    c.write("Content-Type: command/reply\nReply-Text: +OK accepted\n\n");
                    return true;
                }
                c.write("Content-Type: command/reply\nReply-Text: -ERR invalid\n\n");
                disconnect(c);
                return false;
            }
            c.write("Content-Type: command/reply\nReply-Text: -ERR command not found\n\n");
            return true;
        }
        if (first.startsWith("event ")) {
            String[] w = first.split(" ");
            List<String> names = new ArrayList<>();
            for (int i = 2; i < w.length; i++) {
                names.add(w[i]);
            }
            if (names.isEmpty()) {
                c.write("Content-Type: command/reply\nReply-Text: -ERR no keywords supplied\n\n");
                return true;
            }
            c.format = w[1];
            c.events.addAll(names);
            c.write("Content-Type: command/reply\nReply-Text: +OK event listener enabled " + w[1] + "\n\n");
        } else if (first.startsWith("filter ")) {
            String[] w = first.split(" ", 3);
            c.filters.add(new String[] {w[1], w[2]});
            c.write("Content-Type: command/reply\nReply-Text: +OK filter added. [" + w[1] + "]=[" + w[2] + "]\n\n");
        } else if (first.startsWith("api ")) {
            String out = run(first.substring(4));
            c.write("Content-Type: api/response\nContent-Length: " + bytes(out) + "\n\n" + out);
        } else if (first.startsWith("bgapi ")) {
            String job = header(cmd, "Job-UUID");
            if (job == null) {
                job = "f00dcafe-0000-4000-8000-" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L);
            }
            c.write("Content-Type: command/reply\nReply-Text: +OK Job-UUID: " + job + "\nJob-UUID: " + job + "\n\n");
            String command = first.substring(6);
            String jobId = job;
            Thread t = new Thread(() -> backgroundJob(c, jobId, command));
            t.setDaemon(true);
            t.start();
        } else if (first.equals("exit")) {
            c.write("Content-Type: command/reply\nReply-Text: +OK bye\n\n");
            disconnect(c);
            return false;
        } else {
            c.write("Content-Type: command/reply\nReply-Text: -ERR command not found\n\n");
        }
        return true;
    }

    private void backgroundJob(Conn c, String job, String command) {
        try {
            Thread.sleep(jobDelayMillis);
            String out = run(command);
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Event-Name", "BACKGROUND_JOB");
            h.put("Core-UUID", "6d5ae0a2-0000-4000-8000-000000000001");
            h.put("Job-UUID", job);
            h.put("Job-Owner-UUID", "_undef_");
            int sp = command.indexOf(' ');
            h.put("Job-Command", sp < 0 ? command : command.substring(0, sp));
            if (sp >= 0) {
                h.put("Job-Command-Arg", command.substring(sp + 1));
            }
            send(c, h, out);
        } catch (InterruptedException | IOException e) {
            // connection gone: the job's event is lost, as with FreeSWITCH
        }
    }

    private String run(String command) {
        int sp = command.indexOf(' ');
        String name = sp < 0 ? command : command.substring(0, sp);
        Function<String, String> f = api.get(name);
        return f == null ? "-ERR " + name + " Command not found!\n" : f.apply(sp < 0 ? "" : command.substring(sp + 1));
    }

    private static void disconnect(Conn c) throws IOException {
        String body = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";
        c.write("Content-Type: text/disconnect-notice\nContent-Length: " + bytes(body) + "\n\n" + body);
        c.socket.close();
    }

    /** Sends an event to one connection if it is subscribed (and filters pass), in its format. */
    public void send(Conn c, Map<String, String> headers, String body) throws IOException {
        if (c.authed && c.subscribed(headers)) {
            c.write(event(c.format, headers, body));
        }
    }

    /** Sends an event to every subscribed connection. */
    public void broadcast(Map<String, String> headers, String body) throws IOException {
        for (Conn c : conns) {
            if (!c.socket.isClosed()) {
                send(c, headers, body);
            }
        }
    }

    /** An event frame as FreeSWITCH writes it. */
    public static String event(String format, Map<String, String> headers, String body) {
        StringBuilder sb = new StringBuilder();
        if (format.equals("json")) {
            sb.append('{');
            headers.forEach(
                    (k, v) -> sb.append(json(k)).append(':').append(json(v)).append(','));
            if (body != null) {
                sb.append("\"Content-Length\":\"")
                        .append(bytes(body))
                        .append("\",\"_body\":")
                        .append(json(body));
            } else {
                sb.setLength(sb.length() - 1);
            }
            sb.append('}');
            return "Content-Length: " + bytes(sb.toString()) + "\nContent-Type: text/event-json\n\n" + sb;
        }
        headers.forEach((k, v) -> sb.append(k).append(": ").append(urlEncode(v)).append('\n'));
        if (body != null) {
            sb.append("Content-Length: ").append(bytes(body)).append("\n\n").append(body);
        } else {
            sb.append('\n');
        }
        return "Content-Length: " + bytes(sb.toString()) + "\nContent-Type: text/event-plain\n\n" + sb;
    }

    /** FreeSWITCH's switch_url_encode: reserved and unsafe characters as %XX, an existing %XX left alone. */
    public static String urlEncode(String v) {
        String unsafe = " <>#%\"{}|\\^~[]`'+:;?@=&$,\r\n";
        StringBuilder sb = new StringBuilder();
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            boolean encoded = c == '%' && i + 2 < b.length && isHex(b[i + 1]) && isHex(b[i + 2]);
            if (!encoded && (c < 0x20 || c > 0x7e || unsafe.indexOf(c) >= 0)) {
                sb.append('%').append(String.format("%02X", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }

    static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static String header(String block, String name) {
        for (String line : block.split("\n")) {
            int i = line.indexOf(':');
            if (i > 0 && line.substring(0, i).equalsIgnoreCase(name)) {
                return line.substring(i + 1).trim();
            }
        }
        return null;
    }

    private static String between(String s, String start, String ends) {
        int i = s.indexOf(start);
        if (i < 0) {
            return "";
        }
        int j = i + start.length();
        int k = j;
        while (k < s.length() && ends.indexOf(s.charAt(k)) < 0) {
            k++;
        }
        return s.substring(j, k);
    }

    /** Writes raw bytes to every authenticated connection (garbage, split frames). */
    public void raw(byte[] bytes, int chunk) throws IOException, InterruptedException {
        for (Conn c : conns) {
            if (c.authed && !c.socket.isClosed()) {
                synchronized (c) {
                    for (int i = 0; i < bytes.length; i += chunk) {
                        c.out.write(bytes, i, Math.min(chunk, bytes.length - i));
                        c.out.flush();
                    }
                }
            }
        }
    }

    /** Kills every connection at once (FreeSWITCH crashed or restarted); the listener stays. */
    public void dropConnections() throws IOException {
        for (Conn c : conns) {
            c.socket.close();
        }
    }

    public void password(String p) {
        password = p;
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }
}
