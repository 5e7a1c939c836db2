package io.switchboard.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The built distribution run as an operator runs it: unpacked from its tar.gz, {@code bin/karaf server} as
 * a separate process, stopped with {@code bin/stop} or killed, shell commands through {@code bin/client}
 * (ssh, batch mode). Pax Exam cannot restart its container; this can. SIP, ssh and JMX on free loopback
 * ports, heap 512 MB. Everything (karaf.log, console output) stays in the unpacked folder.
 */
final class ExternalKaraf implements AutoCloseable {

    private static final String USER = "restart-test";
    private static final String PASSWORD = "restart-test";

    final Path home;
    final int sipPort;
    final int sshPort;
    private Process process;
    private int starts;

    private ExternalKaraf(Path home, int sipPort, int sshPort) {
        this.home = home;
        this.sipPort = sipPort;
        this.sshPort = sshPort;
    }

    /** Unpacks {@code assembly} (tar.gz) into {@code into} (emptied first) and puts it on free ports. */
    static ExternalKaraf unpack(Path assembly, Path into) throws IOException, InterruptedException {
        deleteRecursively(into);
        Files.createDirectories(into);
        run(into, 120, "tar", "xzf", assembly.toString(), "-C", into.toString());
        Path home;
        try (Stream<Path> s = Files.list(into)) {
            home = s.filter(Files::isDirectory)
                    .findFirst()
                    .orElseThrow(() -> new IOException("nothing unpacked from " + assembly));
        }
        ExternalKaraf k = new ExternalKaraf(home, freePort(), freePort());
        k.put("etc/io.switchboard.core.cfg", "sip.host", "127.0.0.1");
        k.put("etc/io.switchboard.core.cfg", "sip.port", Integer.toString(k.sipPort));
        k.put("etc/io.switchboard.core.cfg", "sip.advertised.host", "127.0.0.1");
        k.put("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(k.sshPort));
        k.put("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1");
        k.put("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort()));
        k.put("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort()));
        // the REST API (bundles/http) off its default 8088: runs side by side must not share a port
        k.put("etc/io.switchboard.http.cfg", "http.port", Integer.toString(freePort()));
        // a shell user for bin/client (the distribution ships none)
        Files.writeString(
                home.resolve("etc/users.properties"),
                "\n" + USER + " = " + PASSWORD + ",_g_:admingroup\n"
                        + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n",
                StandardCharsets.ISO_8859_1,
                StandardOpenOption.APPEND);
        return k;
    }

    /** Sets {@code key = value} in a cfg file of etc/: replaces the key's line, or appends one. */
    void put(String file, String key, String value) throws IOException {
        Path p = home.resolve(file);
        List<String> lines = Files.exists(p)
                ? new ArrayList<>(Files.readAllLines(p, StandardCharsets.ISO_8859_1))
                : new ArrayList<>();
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*=.*$");
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (line.matcher(lines.get(i)).matches()) {
                lines.set(i, key + " = " + value);
                replaced = true;
            }
        }
        if (!replaced) {
            lines.add(key + " = " + value);
        }
        Files.write(p, lines, StandardCharsets.ISO_8859_1);
    }

    /**
     * Starts {@code bin/karaf server} and waits until SIP OPTIONS on the platform's port is answered 200
     * (at most {@code seconds}). Returns the milliseconds from the start to that 200.
     */
    long start(int seconds) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        launch();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("Karaf ended with " + process.exitValue() + " during start; see "
                        + home.resolve("console-" + starts + ".log") + " and " + log());
            }
            if (optionsAnswered()) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            Thread.sleep(200);
        }
        fail("Karaf did not answer SIP OPTIONS on 127.0.0.1:" + sipPort + " within " + seconds + " s; see " + log());
        return -1;
    }

    /** Starts {@code bin/karaf server} and returns at once (BootReadinessIT probes SIP from the first moment). */
    void launch() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        starts++;
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console-" + starts + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        env(pb.environment());
        pb.environment().put("KARAF_EXEC", "exec"); // the script execs java: this process is the JVM (kill hits it)
        pb.environment().put("JAVA_MIN_MEM", "128M");
        pb.environment().put("JAVA_MAX_MEM", "512M");
        process = pb.start();
    }

    /** True while the Karaf JVM runs. */
    boolean alive() {
        return process != null && process.isAlive();
    }

    /** One SIPp OPTIONS (options.xml) with a 1 s limit: true on 200. */
    boolean optionsAnswered() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        Sipp.executable().toString(),
                        "127.0.0.1:" + sipPort,
                        "-sf",
                        Sipp.scenario("options.xml").toString(),
                        "-t",
                        "u1",
                        "-i",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(freePort()),
                        "-m",
                        "1",
                        "-timeout",
                        "1s",
                        "-timeout_error",
                        "-recv_timeout",
                        "1000",
                        "-nostdin")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return false;
        }
        return p.exitValue() == 0;
    }

    /** {@code bin/stop} and waits for the JVM to end; returns the milliseconds that took. */
    long stop() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/stop").toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("stop-" + starts + ".log").toFile());
        env(pb.environment());
        pb.start().waitFor(60, TimeUnit.SECONDS);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("Karaf did not stop within 60 s of bin/stop (killed); see " + log());
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** SIGKILL of the JVM: no shutdown hook, no bundle stops, no last write of anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            fail("Karaf JVM " + process.pid() + " survived SIGKILL for 20 s");
        }
    }

    /**
     * Runs shell commands (one per line) through {@code bin/client} in batch mode and returns what they
     * printed; a failing command (exit code not 0) fails the test.
     */
    String shell(String... commands) throws IOException, InterruptedException {
        Path in = Files.createTempFile(home, "shell-", ".txt");
        Files.writeString(in, String.join("\n", commands) + "\n");
        ProcessBuilder pb = new ProcessBuilder(
                        home.resolve("bin/client").toString(),
                        "-h",
                        "127.0.0.1",
                        "-a",
                        Integer.toString(sshPort),
                        "-u",
                        USER,
                        "-p",
                        PASSWORD,
                        "-r",
                        "15",
                        "-d",
                        "1",
                        "-b")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectInput(in.toFile());
        env(pb.environment());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("bin/client did not end within 60 s: " + String.join("; ", commands));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail("shell '" + String.join("; ", commands) + "' ended with " + p.exitValue() + ":\n" + text);
        }
        Files.deleteIfExists(in);
        return text;
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    String logText() throws IOException {
        return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static void env(Map<String, String> env) {
        env.put("JAVA_HOME", System.getProperty("java.home"));
    }

    private static void run(Path dir, int seconds, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " failed:\n" + out);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** A loopback port free for UDP and TCP. */
    static int freePort() throws IOException {
        return Sipp.freePort();
    }
}
