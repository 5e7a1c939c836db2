package io.switchboard.rabbitmq.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway RabbitMQ node of Debian's {@code rabbitmq-server} for one test class: node {@code sbtest@localhost},
 * AMQP, distribution and epmd on free loopback ports, Mnesia, logs, config and the Erlang cookie ({@code HOME})
 * under {@code target/rabbitmq}. Started as a process of the test ({@code /usr/lib/rabbitmq/bin/rabbitmq-server},
 * not the {@code /usr/sbin} wrapper, which switches to the system's rabbitmq user and loses the environment); ready
 * when the AMQP port accepts. {@link #stop()} ends the node and the epmd it started, so nothing outlives the test.
 */
public final class RabbitMqNode implements AutoCloseable {

    private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final long BOOT_SECONDS = 90;

    private final Path dir;
    private final int amqpPort;
    private final int distPort;
    private final int epmdPort;
    private Process process;

    public RabbitMqNode(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath();
        this.amqpPort = freePort();
        this.distPort = freePort();
        this.epmdPort = freePort();
    }

    public int port() {
        return amqpPort;
    }

    public String uri() {
        return "amqp://127.0.0.1:" + amqpPort;
    }

    /** Starts the node (again, after {@link #stop()}: same ports, same data) and waits for its AMQP port. */
    public void start() throws IOException, InterruptedException {
        if (!Files.isExecutable(SERVER)) {
            throw new IllegalStateException(SERVER + " not found: install Debian's rabbitmq-server (.ci/run does)");
        }
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(dir.resolve("mnesia"));
        Files.createDirectories(dir.resolve("log"));
        Files.writeString(dir.resolve("rabbitmq.conf"), "log.console = false\nlog.file.level = warning\n");
        ProcessBuilder pb = new ProcessBuilder(SERVER.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = pb.environment();
        env.put("HOME", home.toString());
        env.put("RABBITMQ_NODENAME", "sbtest@localhost");
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(amqpPort));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        env.put("ERL_EPMD_PORT", Integer.toString(epmdPort));
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_PID_FILE", dir.resolve("node.pid").toString());
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOOT_SECONDS);
        while (!accepts(amqpPort)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("rabbitmq-server exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("server.out")));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("rabbitmq-server not listening on " + amqpPort + " after "
                        + BOOT_SECONDS + " s: " + Files.readString(dir.resolve("server.out")));
            }
            Thread.sleep(200);
        }
    }

    /** Ends the node (SIGTERM, then SIGKILL) and its epmd; idempotent. */
    public void stop() throws IOException, InterruptedException {
        if (process != null) {
            ProcessHandle node = process.toHandle();
            var children = node.descendants().toList();
            node.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            children.forEach(ProcessHandle::destroyForcibly);
            process = null;
        }
        // the epmd the node started on its own port (ERL_EPMD_PORT): no other node uses it
        ProcessBuilder kill = new ProcessBuilder("epmd", "-kill")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        kill.environment().put("ERL_EPMD_PORT", Integer.toString(epmdPort));
        kill.start().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
