package io.switchboard.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.docs.DocumentedName.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundle has an admin guide, {@code bundles/NAME/README.md}, with the sections of a Kamailio module's
 * documentation, and it shows every settings key, endpoint option, header and shell command its code declares
 * (found by {@link SourceNames}). Why a test: the names live in the code, with their defaults and descriptions for
 * metatype and Camel; a guide written beside them drifts the day someone adds one, unless the build says so.
 */
class BundleGuidesTest {

    /** The bundles, seen from this module's folder (Maven runs tests in the module's base directory). */
    private static final Path BUNDLES = Path.of("../bundles");

    static Stream<String> bundles() throws IOException {
        try (Stream<Path> dirs = Files.list(BUNDLES)) {
            return dirs
                    .filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "bundles/{0}/README.md")
    @MethodSource("bundles")
    void theGuideHasEverySectionAndEveryName(String bundle) throws IOException {
        Path dir = BUNDLES.resolve(bundle);
        Path readme = dir.resolve("README.md");
        assertTrue(Files.isRegularFile(readme), "bundles/" + bundle + " has no README.md (its admin guide)");
        Guide guide = new Guide(Files.readString(readme, StandardCharsets.UTF_8));
        List<String> missing = new ArrayList<>(guide.missingSections());
        for (DocumentedName n : SourceNames.of(dir.resolve("src/main/java"))) {
            if (!guide.documents(n)) {
                missing.add(n.toString());
            }
        }
        assertEquals(List.of(), missing, "bundles/" + bundle + "/README.md lacks (add each as `code`)");
    }

    /** The check reaches every bundle, and finds names of every kind (a scanner finding nothing passes all). */
    @Test
    void theScanFindsTheNamesOfTheBundles() throws IOException {
        assertTrue(bundles().toList().containsAll(List.of("core", "sip", "registrar", "store", "ussd", "http")));
        List<DocumentedName> sip = SourceNames.of(BUNDLES.resolve("sip/src/main/java"));
        assertTrue(sip.contains(new DocumentedName(Kind.OPTION, "inviteTimeout", "ProxyConfiguration.java")), "" + sip);
        assertTrue(sip.contains(new DocumentedName(Kind.OPTION, "action", "ProxyConfiguration.java")), "" + sip);
        assertTrue(sip.contains(new DocumentedName(Kind.OPTION, "domains", "ProxyComponent.java")), "" + sip);
        assertTrue(sip.contains(new DocumentedName(Kind.HEADER, "SipProxyLocalCaller", "SipProxyHeaders.java")));
        assertTrue(sip.contains(new DocumentedName(Kind.COMMAND, "sip:status", "SipStatusCommand.java")));
        assertFalse(sip.stream().anyMatch(n -> n.name().equals("configuration")), "a holder of options is none");
        List<DocumentedName> registrar = SourceNames.of(BUNDLES.resolve("registrar/src/main/java"));
        assertTrue(registrar.contains(new DocumentedName(Kind.SETTING, "max_expires", "RegistrarSettings.java")));
        List<DocumentedName> store = SourceNames.of(BUNDLES.resolve("store/src/main/java"));
        assertTrue(store.contains(new DocumentedName(Kind.SETTING, "db.pool.size", "StoreSettings.java")));
        assertTrue(store.contains(new DocumentedName(Kind.COMMAND, "subscriber:remove", "SubscriberCommands.java")));
    }

    @Test
    void anUndocumentedNameIsFound() {
        String settings = """
                @interface XSettings {
                    /** @AttributeDefinition in a comment is no setting */
                    @AttributeDefinition(description = "a")
                    @Check(min = 1)
                    int max__expires() default 3600;
                    @AttributeDefinition(description = "b (x)")
                    String notify_endpoint() default "sip:x";
                }
                """;
        String endpoint = """
                @UriParams
                public class XConfiguration {
                    @UriPath(enums = "a,b") @Metadata(required = true)
                    private String action;
                    @UriParam(label = "producer", defaultValue = "1", description = "t (ms)")
                    private long timeout = 1;
                }
                class XEndpoint {
                    @UriParam
                    private final XConfiguration configuration;
                    @Metadata(label = "producer", javaType = "String", description = "the \\"target\\"")
                    public static final String TARGET = "XTarget";
                    @Metadata(description = "tags")
                    public void setSupportedTags(String csv) {
                    }
                }
                @Command(scope = "x", name = "list", description = "Lists")
                @Service
                public class XCommand {
                }
                """;
        List<DocumentedName> names = SourceNames.of(Map.of(
                "XSettings.java",
                SourceNames.withoutComments(settings),
                "XEndpoint.java",
                SourceNames.withoutComments(endpoint)));
        assertEquals(
                List.of("max_expires", "notify.endpoint", "action", "timeout", "XTarget", "supportedTags", "x:list"),
                names.stream()
                        .sorted((a, b) -> b.source().compareTo(a.source()))
                        .map(DocumentedName::name)
                        .toList());
        Guide guide = new Guide("""
                ## Overview
                ## Dependencies
                ## Settings
                `max_expires` (`route_timeout` is another key)
                ```properties
                notify.endpoint = sip:y
                ```
                ## Endpoints and headers
                `action`, `XTarget` in `x:list and more`
                ## Shell and REST
                ## Events
                """);
        assertEquals(List.of("section `## Limits`"), guide.missingSections());
        List<String> undocumented = names.stream()
                .filter(n -> !guide.documents(n))
                .map(DocumentedName::name)
                .toList();
        assertEquals(List.of("timeout", "supportedTags"), undocumented);
    }
}
