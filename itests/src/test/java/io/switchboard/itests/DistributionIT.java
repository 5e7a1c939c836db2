package io.switchboard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The built tar.gz as an operator gets it, read with {@code tar} (no Karaf boot): one root folder holding exactly
 * Karaf's folders plus {@code routes/}, no stray copy of the overlay (an {@code assembly/} folder with the
 * {@code etc/*.cfg} and {@code bin/setenv} again, which nothing reads and which misleads whoever edits it), no
 * entry twice, every Switchboard {@code etc/} file, and no shell user shipped (a known password is worse than none:
 * README "Operations" says how to add the first one).
 */
class DistributionIT {

    private static final Set<String> TOP_LEVEL =
            Set.of("bin", "data", "deploy", "etc", "grafana", "lib", "routes", "system");
    private static final List<String> SWITCHBOARD_ETC = List.of(
            "io.switchboard.core.cfg",
            "io.switchboard.store.cfg",
            "io.switchboard.registrar.cfg",
            "io.switchboard.proxy.cfg",
            "io.switchboard.pike.cfg",
            "io.switchboard.http.cfg");

    @Test
    void tarGzHasNoStrayOrDuplicateFilesAndNoShellUser() throws Exception {
        Path assembly = Path.of(required("switchboard.assembly"));
        List<String> entries =
                tar(assembly, "tzf").lines().filter(l -> !l.isBlank()).toList();
        Set<String> roots = new TreeSet<>();
        Set<String> top = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        List<String> twice = new ArrayList<>();
        Set<String> etc = new TreeSet<>();
        List<String> stray = new ArrayList<>();
        for (String e : entries) {
            if (!seen.add(e)) {
                twice.add(e);
            }
            String[] parts = e.split("/");
            roots.add(parts[0]);
            if (parts.length > 1) {
                top.add(parts[1]);
            }
            if (parts.length == 3 && parts[1].equals("etc") && !e.endsWith("/")) {
                etc.add(parts[2]);
            }
            // a copy of etc/ or bin/ anywhere else (the overlay packed twice)
            if ((e.contains("/etc/io.switchboard.") || e.endsWith("/bin/setenv"))
                    && !(parts.length == 3 && (parts[1].equals("etc") || parts[1].equals("bin")))) {
                stray.add(e);
            }
        }
        assertEquals(1, roots.size(), "one root folder: " + roots);
        assertTrue(twice.isEmpty(), "entries packed twice: " + twice);
        assertTrue(stray.isEmpty(), "copies of etc/ or bin/ files outside them: " + stray);
        assertEquals(
                new TreeSet<>(TOP_LEVEL),
                top,
                "top level of " + roots.iterator().next());
        for (String cfg : SWITCHBOARD_ETC) {
            assertTrue(etc.contains(cfg), cfg + " in etc/: " + etc);
        }
        String root = roots.iterator().next();
        String users = tar(assembly, "xzfO", root + "/etc/users.properties");
        List<String> active = users.lines()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("!"))
                .toList();
        assertTrue(active.isEmpty(), "etc/users.properties ships no user and no group (README Operations): " + active);
        assertTrue(
                tar(assembly, "xzfO", root + "/etc/io.switchboard.registrar.cfg")
                        .contains("\nalgorithms = MD5\n"),
                "the registrar offers MD5 alone by default (README Phones)");
    }

    private static String tar(Path archive, String mode, String... members) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tar", mode, archive.toString()));
        cmd.addAll(List.of(members));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String required(String key) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(
                    "system property " + key + " is not set: run the tests through Maven" + " (failsafe)");
        }
        return v;
    }
}
