package io.switchboard.itests;

import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs SIPp (Debian package sip-tester) as the SIP peer of a test, always bounded: a fixed number
 * of calls, SIPp's global timeout as an error, and a hard limit on the process. Everything SIPp
 * says stays in {@code target/sipp/<run>/} for diagnosis.
 */
final class Sipp {

    /** Global SIPp timeout (seconds); reaching it is an error (-timeout_error). */
    static final int SIPP_TIMEOUT_SECONDS = 20;

    /** A call whose expected message does not come within this time fails (-recv_timeout). */
    static final int RECV_TIMEOUT_MILLIS = 5000;

    enum Transport {
        UDP("u1"),
        TCP("t1");

        final String mode;

        Transport(String mode) {
            this.mode = mode;
        }
    }

    /** What one SIPp run left behind. */
    record Result(int exitCode, Path dir, String output, String errors, String messages) {

        boolean succeeded() {
            return exitCode == 0;
        }

        /** A report for a failed assertion: exit code, where the files are, and their heads. */
        String report() {
            return "SIPp exit code " + exitCode + " (0 = every call succeeded); files in " + dir
                    + "\n--- sipp output ---\n" + head(output) + "\n--- errors (-trace_err) ---\n" + head(errors)
                    + "\n--- messages (-trace_msg) ---\n" + head(messages);
        }

        private static String head(String s) {
            return s.length() <= 6000 ? s : s.substring(0, 6000) + "\n[... " + (s.length() - 6000) + " more chars]";
        }
    }

    private Sipp() {}

    /** The SIPp binary: the configured path, or {@code sipp} found on PATH; fails the test when absent. */
    static Path executable() {
        String configured = System.getProperty(SwitchboardConfiguration.SIPP_EXECUTABLE, "sipp");
        if (configured.contains(File.separator)) {
            Path p = Path.of(configured);
            if (Files.isExecutable(p)) {
                return p;
            }
        } else {
            String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, configured);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        fail("SIPp not found ('" + configured + "', PATH=" + System.getenv("PATH")
                + "): install sip-tester (apt-get install sip-tester) or pass -Dsipp.executable=/path/to/sipp");
        return null;
    }

    static Path scenario(String fileName) {
        Path p = Path.of(System.getProperty(SwitchboardConfiguration.SIPP_SCENARIOS), fileName);
        if (!Files.isRegularFile(p)) {
            fail("SIPp scenario " + p + " missing");
        }
        return p;
    }

    /**
     * Runs {@code calls} calls of a UAC scenario against 127.0.0.1:{@code port}, waits for SIPp to
     * end (it ends by itself: -m and -timeout) and returns its exit code and logs.
     */
    static Result run(String runName, String scenarioFile, Transport transport, int port, int calls, String... extra)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Result r = startUac(runName, scenarioFile, transport, port, calls, extra)
                    .await();
            // the port found free was taken before SIPp bound it (another process, or the platform's own sockets):
            // SIPp sent nothing, so the run is taken again on another port
            if (r.exitCode() == 0 || attempt == 3 || !r.output().contains(BIND_FAILED)) {
                return r;
            }
        }
    }

    /** What SIPp prints when its local port is taken (it then exits before sending anything). */
    private static final String BIND_FAILED = "Unable to bind main socket";

    /**
     * Starts what {@link #run} runs, in the background: for a client that must stay up while the test does more (a
     * phone on TCP that registers on its own connection and then waits there for its call).
     */
    static Running startUac(
            String runName, String scenarioFile, Transport transport, int port, int calls, String... extra)
            throws IOException {
        Path dir = freshDir(runName + "-" + transport.name().toLowerCase());
        List<String> cmd = new ArrayList<>(List.of(
                executable().toString(),
                "127.0.0.1:" + port,
                "-sf",
                scenario(scenarioFile).toString(),
                "-t",
                transport.mode,
                "-i",
                "127.0.0.1",
                "-p",
                Integer.toString(freeLocalPort()),
                "-m",
                Integer.toString(calls),
                "-l",
                Integer.toString(Math.max(1, calls)),
                "-timeout",
                SIPP_TIMEOUT_SECONDS + "s",
                "-timeout_error",
                "-recv_timeout",
                Integer.toString(RECV_TIMEOUT_MILLIS)));
        return new Running(launch(dir, cmd, extra), dir, SIPP_TIMEOUT_SECONDS);
    }

    /**
     * Starts a UDP scenario with SIPp run through {@code prefix} (e.g. {@code ip netns exec NAME}: a phone in another
     * network), from {@code localIp:localPort} to {@code remote} ({@code host:port}), for one call, in the background.
     * The caller waits for a server scenario's socket itself (the prefix may put it where /proc/net/udp is another).
     */
    static Running startVia(
            List<String> prefix,
            String dirName,
            String scenarioFile,
            String remote,
            String localIp,
            int localPort,
            String... extra)
            throws IOException {
        Path dir = freshDir(dirName);
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(
                executable().toString(),
                remote,
                "-sf",
                scenario(scenarioFile).toString(),
                "-t",
                Transport.UDP.mode,
                "-i",
                localIp,
                "-p",
                Integer.toString(localPort),
                "-m",
                "1",
                "-timeout",
                SIPP_TIMEOUT_SECONDS + "s",
                "-timeout_error",
                "-recv_timeout",
                Integer.toString(RECV_TIMEOUT_MILLIS)));
        return new Running(launch(dir, cmd, extra), dir, SIPP_TIMEOUT_SECONDS);
    }

    /** The run's folder under target/sipp, without the files of an earlier run. */
    private static Path freshDir(String name) throws IOException {
        Path dir = Path.of(System.getProperty(SwitchboardConfiguration.SIPP_OUTPUT), name);
        Files.createDirectories(dir);
        for (String f : new String[] {"output.log", "errors.log", "messages.log", "screen.log"}) {
            Files.deleteIfExists(dir.resolve(f));
        }
        return dir;
    }

    /** Starts SIPp with {@code cmd}, the tracing into {@code dir} and the {@code extra} arguments. */
    private static Process launch(Path dir, List<String> cmd, String... extra) throws IOException {
        cmd.addAll(List.of(
                "-nostdin",
                "-trace_err",
                "-error_file",
                dir.resolve("errors.log").toString(),
                "-trace_msg",
                "-message_file",
                dir.resolve("messages.log").toString(),
                "-trace_screen",
                "-screen_file",
                dir.resolve("screen.log").toString()));
        cmd.addAll(Arrays.asList(extra));
        Files.writeString(dir.resolve("command.txt"), String.join(" ", cmd) + "\n");
        return new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    /** A SIPp process running in the background (the UAS side of a call, or a held call), bounded like {@link #run}. */
    record Running(Process process, Path dir, int timeoutSeconds) {

        /** Waits for the end of the run (it ends by itself: -m and -timeout) and returns its result. */
        Result await() throws IOException, InterruptedException {
            if (!process.waitFor(timeoutSeconds + 30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                fail("SIPp did not end within " + (timeoutSeconds + 30) + " s despite -timeout; killed. Files in "
                        + dir);
            }
            return new Result(
                    process.exitValue(),
                    dir,
                    read(dir.resolve("output.log")),
                    read(dir.resolve("errors.log")),
                    read(dir.resolve("messages.log")));
        }

        /** What SIPp logged so far (-trace_msg). */
        String messages() throws IOException {
            return read(dir.resolve("messages.log"));
        }

        void kill() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Starts a UAS scenario (SIPp server mode) for {@code calls} calls on 127.0.0.1:{@code localPort} and
     * returns once its UDP socket is bound (at most 5 s).
     */
    static Running startUas(String runName, String scenarioFile, int remotePort, int localPort, int calls)
            throws IOException, InterruptedException {
        return start(runName + "-uas", scenarioFile, remotePort, localPort, calls, SIPP_TIMEOUT_SECONDS);
    }

    /**
     * Starts any scenario over UDP in the background, from 127.0.0.1:{@code localPort}, for {@code calls}
     * calls, ending at the latest after {@code timeoutSeconds} (as an error); returns once its UDP socket
     * is bound (at most 5 s). Its files are in {@code target/sipp/<dirName>/}.
     */
    static Running start(
            String dirName,
            String scenarioFile,
            int remotePort,
            int localPort,
            int calls,
            int timeoutSeconds,
            String... extra)
            throws IOException, InterruptedException {
        Path dir = freshDir(dirName);
        List<String> cmd = new ArrayList<>(List.of(
                executable().toString(),
                "127.0.0.1:" + remotePort,
                "-sf",
                scenario(scenarioFile).toString(),
                "-t",
                Transport.UDP.mode,
                "-i",
                "127.0.0.1",
                "-p",
                Integer.toString(localPort),
                "-m",
                Integer.toString(calls),
                "-timeout",
                timeoutSeconds + "s",
                "-timeout_error"));
        Process process = launch(dir, cmd, extra);
        // bound = listed in /proc/net/udp (binding a probe socket ourselves would race with SIPp's bind)
        String needle = String.format(":%04X ", localPort);
        for (int i = 0; i < 100 && process.isAlive(); i++) {
            for (String line : Files.readAllLines(Path.of("/proc/net/udp"))) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length > 1 && (cols[1] + " ").endsWith(needle)) {
                    return new Running(process, dir, timeoutSeconds);
                }
            }
            Thread.sleep(50);
        }
        Running r = new Running(process, dir, timeoutSeconds);
        r.kill();
        fail("SIPp did not bind 127.0.0.1:" + localPort + " within 5 s; files in " + dir);
        return r;
    }

    /** One entry of a -trace_msg log: when SIPp sent or received it, and the message. */
    record Logged(LocalDateTime time, boolean sent, String transport, String message) {

        /** The request or status line. */
        String firstLine() {
            int nl = message.indexOf('\n');
            return (nl < 0 ? message : message.substring(0, nl)).trim();
        }

        /** A received (or sent) response with this status whose CSeq names {@code method}. */
        boolean isResponse(int status, String method) {
            return firstLine().startsWith("SIP/2.0 " + status + " ")
                    && Pattern.compile("(?m)^CSeq: *\\d+ " + method + "\\s*$")
                            .matcher(message)
                            .find();
        }

        boolean isRequest(String method) {
            return firstLine().startsWith(method + " ");
        }
    }

    private static final Pattern LOG_ENTRY =
            Pattern.compile("(?m)^-{10,} (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+)\\s*\\n"
                    + "(UDP|TCP) message (sent|received) [^\\n]*\\n");

    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /**
     * The messages of a -trace_msg log in order, with SIPp's timestamps (wall clock, microseconds): the tests that
     * assert on timing (which message came first, how long after another) compare these across SIPp processes.
     */
    static List<Logged> logged(String messagesLog) {
        List<Logged> out = new ArrayList<>();
        Matcher m = LOG_ENTRY.matcher(messagesLog);
        int start = -1;
        String[] head = null;
        while (true) {
            boolean found = m.find();
            if (head != null) {
                String text = messagesLog.substring(start, found ? m.start() : messagesLog.length());
                out.add(new Logged(
                        LocalDateTime.parse(head[0], LOG_TIME), "sent".equals(head[2]), head[1], text.strip()));
            }
            if (!found) {
                return out;
            }
            head = new String[] {m.group(1), m.group(2), m.group(3)};
            start = m.end();
        }
    }

    /** The first logged message that matches, or a failure that shows the log. */
    static Logged first(String messagesLog, String what, Predicate<Logged> match) {
        return logged(messagesLog).stream()
                .filter(match)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + what + " in the SIPp log:\n" + messagesLog));
    }

    /** A local port free for UDP and TCP (for a UAS). */
    static int freePort() throws IOException {
        return freeLocalPort();
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? new String(Files.readAllBytes(p), StandardCharsets.UTF_8) : "(none)";
    }

    /** A local port free for UDP and TCP, so SIPp never falls back to a random one or to 5060. */
    private static int freeLocalPort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, loopback)) {
                port = s.getLocalPort();
            }
            try (DatagramSocket u = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                return port;
            } catch (IOException inUse) {
                // try another
            }
        }
        throw new IOException("no local port free for UDP and TCP");
    }
}
