package io.switchboard.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * The one Pax Exam configuration of the suite: the Switchboard assembly built in this reactor,
 * unpacked under {@code target/exam}, on ports of its own. Runs in the test driver (failsafe JVM).
 */
final class SwitchboardConfiguration {

    /** Must match the Karaf of the assembly: the JDK flags below name its jars. */
    static final String KARAF_VERSION = "4.4.10";

    /** System properties handed into the container (read there by the tests). */
    static final String SIPP_EXECUTABLE = "switchboard.sipp.executable";

    static final String SIPP_SCENARIOS = "switchboard.sipp.scenarios";
    static final String SIPP_OUTPUT = "switchboard.sipp.dir";
    static final String EXAM_DIR = "switchboard.exam.dir";
    static final String HTTP_PORT = "switchboard.http.port";
    /** The store's JDBC URL, user and password; unset = the default embedded H2 (the "postgresql" run sets them). */
    static final String DB_URL = "switchboard.db.url";

    static final String DB_USER = "switchboard.db.user";
    static final String DB_PASSWORD = "switchboard.db.password";

    /** Preferred SIP port of the container; another free one is taken when it is in use. */
    static final int PREFERRED_SIP_PORT = 15060;

    private SwitchboardConfiguration() {}

    static Option[] options() {
        File examDir = new File(required(EXAM_DIR)).getAbsoluteFile();
        String assembly = required("switchboard.assembly");
        if (!new File(assembly).isFile()) {
            throw new IllegalStateException("assembly " + assembly + " not found: build karaf-assembly first");
        }
        String localRepository = required("switchboard.maven.localRepository");
        int sipPort = freeSipPort();
        int sshPort = freeTcpPort();

        List<Option> options = new ArrayList<>();
        options.add(karafDistributionConfiguration()
                .frameworkUrl(new File(assembly).toURI().toString())
                .karafVersion(KARAF_VERSION)
                .name("Switchboard")
                .unpackDirectory(examDir)
                .useDeployFolder(false));
        // keepRuntimeFolder() is deliberately absent: the unpacked runtime is deleted after the
        // suite, karaf.log is kept next to it (below).
        options.add(configureConsole().ignoreLocalConsole().ignoreRemoteShell());
        options.add(logLevel(LogLevel.INFO));
        options.add(systemTimeout(120_000));
        options.add(vmOptions(jdkOptions()));
        options.add(vmOptions("-Xmx512m"));

        // SIP on loopback and a port of our own: never clashes with a distribution on 5060
        options.add(editConfigurationFilePut("etc/io.switchboard.core.cfg", "sip.host", "127.0.0.1"));
        options.add(editConfigurationFilePut("etc/io.switchboard.core.cfg", "sip.port", Integer.toString(sipPort)));
        options.add(editConfigurationFilePut("etc/io.switchboard.core.cfg", "sip.advertised.host", "127.0.0.1"));
        // the REST API (bundles/http) on a free port of its own; RestApiIT reads it from HTTP_PORT
        int httpPort = freeTcpPort();
        options.add(editConfigurationFilePut("etc/io.switchboard.http.cfg", "http.port", Integer.toString(httpPort)));
        options.add(systemProperty(HTTP_PORT).value(Integer.toString(httpPort)));
        // ssh is not started (ignoreRemoteShell) and moved off 8101 anyway; Pax Exam itself puts
        // free ports into rmiRegistryPort/rmiServerPort of etc/org.apache.karaf.management.cfg
        options.add(editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort)));
        options.add(editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1"));

        // the store on another database (etc/io.switchboard.store.cfg); the tests read the URL to know which
        String dbUrl = System.getProperty(DB_URL, "");
        if (!dbUrl.isBlank()) {
            options.add(editConfigurationFilePut("etc/io.switchboard.store.cfg", "db.url", dbUrl));
            options.add(editConfigurationFilePut(
                    "etc/io.switchboard.store.cfg", "db.user", System.getProperty(DB_USER, "")));
            options.add(editConfigurationFilePut(
                    "etc/io.switchboard.store.cfg", "db.password", System.getProperty(DB_PASSWORD, "")));
            options.add(systemProperty(DB_URL).value(dbUrl));
        }

        // the resolver that installs Pax Exam's own "exam" feature: the build's local repository
        options.add(editConfigurationFilePut(
                "etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepository));
        options.add(editConfigurationFilePut(
                "etc/org.ops4j.pax.url.mvn.cfg",
                "org.ops4j.pax.url.mvn.repositories",
                "https://repo1.maven.org/maven2@id=central"));

        // karaf.log outside the runtime folder, which is deleted after the suite
        File log = new File(examDir, "karaf.log");
        options.add(editConfigurationFilePut(
                "etc/org.ops4j.pax.logging.cfg", "log4j2.appender.rolling.fileName", log.getPath()));
        options.add(editConfigurationFilePut(
                "etc/org.ops4j.pax.logging.cfg", "log4j2.appender.rolling.filePattern", log.getPath() + ".%i"));
        options.add(
                editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.appender.rolling.append", "false"));

        options.add(systemProperty(SIPP_EXECUTABLE).value(System.getProperty(SIPP_EXECUTABLE, "sipp")));
        options.add(systemProperty(SIPP_SCENARIOS).value(new File(required(SIPP_SCENARIOS)).getAbsolutePath()));
        options.add(systemProperty(SIPP_OUTPUT).value(new File(required(SIPP_OUTPUT)).getAbsolutePath()));
        options.add(systemProperty(EXAM_DIR).value(examDir.getPath()));
        return options.toArray(new Option[0]);
    }

    /** What {@code bin/karaf} adds on Java 9+ (Pax Exam does not): without them Karaf cannot boot. */
    static String[] jdkOptions() {
        return new String[] {
            "--add-reads=java.xml=java.logging",
            "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
            "--patch-module",
            "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + KARAF_VERSION + ".jar",
            "--patch-module",
            "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + KARAF_VERSION + ".jar",
            "--add-opens",
            "java.base/java.security=ALL-UNNAMED",
            "--add-opens",
            "java.base/java.net=ALL-UNNAMED",
            "--add-opens",
            "java.base/java.lang=ALL-UNNAMED",
            "--add-opens",
            "java.base/java.util=ALL-UNNAMED",
            "--add-opens",
            "java.naming/javax.naming.spi=ALL-UNNAMED",
            "--add-opens",
            "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
            "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
            "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
        };
    }

    private static String required(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "system property " + key + " is not set: run the tests through Maven (failsafe)");
        }
        return value;
    }

    /** {@link #PREFERRED_SIP_PORT} when it is free for both UDP and TCP, else another such port. */
    static int freeSipPort() {
        if (freeForUdpAndTcp(PREFERRED_SIP_PORT)) {
            return PREFERRED_SIP_PORT;
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = freeTcpPort();
            if (freeForUdpAndTcp(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP on 127.0.0.1");
    }

    static boolean freeForUdpAndTcp(int port) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(false);
            tcp.bind(new InetSocketAddress(loopback, port));
        } catch (IOException inUse) {
            return false;
        }
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free TCP port", e);
        }
    }
}
