package io.switchboard.itests;

import static org.junit.Assert.fail;

import io.switchboard.itests.Sipp.Transport;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real softphone for a test: baresip 1.0.0 (Debian package baresip-core) in a process of its own, headless
 * (the aubridge module as audio source and player, no sound device), one account that registers with digest through
 * the platform as its outbound proxy and answers calls by itself, driven through the ctrl_tcp module (netstring
 * JSON commands; responses and the events CALL_ESTABLISHED, CALL_CLOSED, ... come back on the same connection).
 * <p>
 * Everything it needs lives in {@code target/baresip/<name>/}: {@code config}, {@code accounts}, and
 * {@code baresip.log}, its output with the SIP trace ({@code -s}), kept for diagnosis and read by tests for what a
 * phone cannot report otherwise (the SDP of a re-INVITE). Loopback only. Bounded: every wait has a deadline, and
 * {@link #close} kills the process when {@code quit} does not end it.
 */
final class Baresip implements AutoCloseable {

    /** A message of ctrl_tcp: an event ({@code type}) or a command's response ({@code token}, {@code ok}, ...). */
    record Message(Map<String, String> fields, String json) {

        String get(String key) {
            return fields.get(key);
        }

        boolean isEvent(String type) {
            return "true".equals(fields.get("event")) && type.equals(fields.get("type"));
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Top-level "key":value pairs of a flat JSON object (strings, booleans, numbers). */
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\"((?:[^\"\\\\]|\\\\.)*)\"|true|false|-?\\d+)");

    private final String name;
    private final int sipPort;
    private final Path dir;
    private final Process process;
    private final Socket control;
    private final List<Message> received = new ArrayList<>();
    private final Thread reader;
    private int token;

    private Baresip(String name, int sipPort, Path dir, Process process, Socket control) {
        this.name = name;
        this.sipPort = sipPort;
        this.dir = dir;
        this.process = process;
        this.control = control;
        this.reader = new Thread(this::read, "baresip-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The baresip binary on PATH; fails the test when absent. */
    static Path executable() {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, "baresip");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        fail("baresip not found (PATH=" + path + "): install it with apt-get install baresip-core");
        return null;
    }

    /** {@code baresip v1.0.0 ...}: the first line baresip prints. */
    static String version() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(executable().toString(), "-h")
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(5, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8)
                .lines()
                .findFirst()
                .orElse("")
                .trim();
    }

    /**
     * Starts a phone for {@code user@127.0.0.1} (password {@code password}) that registers through 127.0.0.1:
     * {@code proxyPort} over {@code transport} (every request goes there: outbound proxy) and auto-answers.
     */
    static Baresip start(String name, String user, String password, int proxyPort, Transport transport)
            throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty(SwitchboardConfiguration.SIPP_OUTPUT))
                .resolveSibling("baresip")
                .resolve(name);
        Files.createDirectories(dir);
        for (String f : new String[] {"baresip.log", "uuid", "current_contact", "contacts"}) {
            Files.deleteIfExists(dir.resolve(f));
        }
        int sipPort = freeSipPort();
        int controlPort = Sipp.freePort();
        String tp = transport.name().toLowerCase();
        Files.writeString(
                dir.resolve("config"),
                String.join(
                        "\n",
                        "poll_method\t\tepoll",
                        "sip_listen\t\t127.0.0.1:" + sipPort,
                        "net_interface\t\t127.0.0.1",
                        "call_local_timeout\t120",
                        "call_max_calls\t\t4",
                        "audio_player\t\taubridge,nil",
                        "audio_source\t\taubridge,nil",
                        "audio_alert\t\taubridge,nil",
                        "module_path\t\t/usr/lib/baresip/modules",
                        "module\t\t\tg711.so",
                        "module\t\t\taubridge.so",
                        "module_tmp\t\taccount.so",
                        "module_app\t\tmenu.so",
                        "module_app\t\tctrl_tcp.so",
                        "ctrl_tcp_listen\t\t127.0.0.1:" + controlPort,
                        ""),
                StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve("accounts"),
                "<sip:" + user + "@127.0.0.1;transport=" + tp + ">;auth_pass="
                        + password + ";answermode=auto;regint=600;outbound=\"sip:127.0.0.1:" + proxyPort + ";transport="
                        + tp
                        + "\"\n",
                StandardCharsets.UTF_8);
        List<String> cmd = List.of(executable().toString(), "-f", dir.toString(), "-s");
        Files.writeString(dir.resolve("command.txt"), String.join(" ", cmd) + "\n");
        Process process = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("baresip.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", controlPort), 1000);
                return new Baresip(name, sipPort, dir, process, s);
            } catch (IOException notYet) {
                s.close();
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    fail("baresip " + name + " did not open ctrl_tcp on 127.0.0.1:" + controlPort + " (alive: "
                            + process.isAlive() + "); its log:\n" + Files.readString(dir.resolve("baresip.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    /** A port free for UDP and TCP whose next port is free for TCP too (baresip listens on both). */
    private static int freeSipPort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = Sipp.freePort();
            if (port < 65535 && SwitchboardConfiguration.freeForUdpAndTcp(port + 1)) {
                return port;
            }
        }
        throw new IOException("no free port pair for baresip on 127.0.0.1");
    }

    String name() {
        return name;
    }

    /** The port the phone listens and (UDP) sends from on 127.0.0.1. */
    int sipPort() {
        return sipPort;
    }

    /** Runs a command (a menu command such as {@code dial}, {@code hold}, {@code listcalls}); returns its data. */
    String command(String command, String params) throws IOException, InterruptedException {
        String json = send(command, params);
        String t = fields(json).get("token");
        Message response =
                await("response to " + json, m -> "true".equals(m.get("response")) && t.equals(m.get("token")));
        if (!"true".equals(response.get("ok"))) {
            fail("baresip " + name + " refused " + json + ": " + response.json());
        }
        return response.get("data") == null ? "" : response.get("data");
    }

    /** Sends a command as a netstring without waiting for its response; returns the JSON sent. */
    private String send(String command, String params) throws IOException {
        String t;
        synchronized (this) {
            t = Integer.toString(++token);
        }
        String json = "{\"command\":\"" + command + "\"" + (params == null ? "" : ",\"params\":\"" + params + "\"")
                + ",\"token\":\"" + t + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        OutputStream out = control.getOutputStream();
        synchronized (out) {
            out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write(',');
            out.flush();
        }
        return json;
    }

    /** The first message (since the start) that {@code accept} takes; fails after 20 s. */
    Message await(String what, Predicate<Message> accept) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (received) {
            while (true) {
                for (Message m : received) {
                    if (accept.test(m)) {
                        return m;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    fail("baresip " + name + ": no " + what + " within " + WAIT.toSeconds() + " s; messages:\n"
                            + String.join(
                                    "\n", received.stream().map(Message::json).toList()) + "\nlog: " + logFile());
                }
                received.wait(left);
            }
        }
    }

    /** The first event of that type (and Call-ID, unless null). */
    Message awaitEvent(String type, String callId) throws InterruptedException {
        return await(
                "event " + type + (callId == null ? "" : " of call " + callId),
                m -> m.isEvent(type) && (callId == null || callId.equals(m.get("id"))));
    }

    /** How many events of that type came so far. */
    int count(String type) {
        synchronized (received) {
            return (int) received.stream().filter(m -> m.isEvent(type)).count();
        }
    }

    /** What baresip printed so far, SIP trace included. */
    String log() throws IOException {
        return Files.readString(logFile(), StandardCharsets.ISO_8859_1);
    }

    Path logFile() {
        return dir.resolve("baresip.log");
    }

    /** Waits until the log (SIP trace included) holds {@code text}; fails after 20 s. */
    void awaitLog(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!log().contains(text)) {
            if (System.nanoTime() > deadline) {
                fail("baresip " + name + " never logged '" + text + "'; log: " + logFile());
            }
            Thread.sleep(100);
        }
    }

    /** {@code quit} (it un-registers), then the process must end; killed when it does not within 10 s. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (process.isAlive()) {
                send("quit", null);
            }
        } catch (IOException gone) {
            // the process ends below in any case
        } finally {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            control.close();
        }
    }

    private void read() {
        try (InputStream in = control.getInputStream()) {
            while (true) {
                ByteArrayOutputStream length = new ByteArrayOutputStream();
                int c;
                while ((c = in.read()) != ':') {
                    if (c < 0) {
                        return;
                    }
                    length.write(c);
                }
                byte[] body = in.readNBytes(Integer.parseInt(
                        length.toString(StandardCharsets.US_ASCII).trim()));
                if (in.read() != ',') {
                    return; // not a netstring: stop reading, the waits then fail with what came
                }
                String json = new String(body, StandardCharsets.UTF_8);
                synchronized (received) {
                    received.add(new Message(fields(json), json));
                    received.notifyAll();
                }
            }
        } catch (IOException | NumberFormatException closed) {
            // the phone quit
        }
    }

    private static Map<String, String> fields(String json) {
        Map<String, String> out = new HashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            out.putIfAbsent(m.group(1), m.group(3) != null ? unescape(m.group(3)) : m.group(2));
        }
        return out;
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch != '\\' || i + 1 == s.length()) {
                sb.append(ch);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }
}
