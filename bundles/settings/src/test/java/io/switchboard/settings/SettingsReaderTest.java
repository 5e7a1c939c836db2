package io.switchboard.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {

    @interface Example {
        @Check(min = 1, max = 20)
        int hash__table__size() default 9;

        @Check(min = 1)
        int min__expires() default 60;

        int max__expires() default 3600;

        @Check(min = 0.001)
        double session__timeout() default 60;

        long big() default 5;

        boolean auth() default true;

        @Check(pattern = "(jdbc:h2:|jdbc:postgresql:).*", expected = "a jdbc:h2: or jdbc:postgresql: URL")
        String db_url() default "";

        @Secret
        String http_api_token() default "";

        String menu_route() default "direct:ussd";
    }

    @interface NoDefault {
        int x();
    }

    @interface BadDefault {
        @Check(max = 3)
        int x() default 4;
    }

    private final List<String> log = new ArrayList<>();
    private final SettingsReader<Example> reader = new SettingsReader<>("io.example", Example.class, log::add)
            .rule(
                    "min_expires <= max_expires",
                    s -> s.min__expires() <= s.max__expires(),
                    "min_expires",
                    "max_expires");

    @Test
    void keyNamesFollowDeclarativeServices() {
        assertEquals("max_expires", KeyNames.key("max__expires"));
        assertEquals("menu.route", KeyNames.key("menu_route"));
        assertEquals("a-b", KeyNames.key("a$_$b"));
        assertEquals("a$b", KeyNames.key("a$$b"));
        assertEquals("ab", KeyNames.key("a$b"));
    }

    @Test
    void absentAndBlankValuesAreTheDefaults() {
        Example e = reader.read(Map.of("menu.route", "  ", "auth", ""));
        assertEquals(9, e.hash__table__size());
        assertEquals(60.0, e.session__timeout());
        assertTrue(e.auth());
        assertEquals("direct:ussd", e.menu_route());
        assertEquals("", e.db_url());
        assertEquals(reader.defaults(), reader.read(null));
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void goodValuesAreTypedAndTrimmed() {
        Example e = reader.read(Map.of(
                "hash_table_size",
                " 20 ",
                "session_timeout",
                "1.5",
                "auth",
                "FALSE",
                "big",
                7L,
                "db.url",
                "jdbc:postgresql://db/x",
                "menu.route",
                "direct:menu"));
        assertEquals(20, e.hash__table__size());
        assertEquals(1.5, e.session__timeout());
        assertFalse(e.auth());
        assertEquals(7L, e.big());
        assertEquals("jdbc:postgresql://db/x", e.db_url());
        assertEquals("direct:menu", e.menu_route());
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void aBadValueKeepsThePreviousOneWithALogLineNamingPidKeyAndValue() {
        reader.read(Map.of("hash_table_size", "12", "auth", "false"));
        Example e = reader.read(Map.of("hash_table_size", "21", "auth", "yes", "menu.route", "direct:other"));
        assertEquals(12, e.hash__table__size());
        assertFalse(e.auth());
        assertEquals("direct:other", e.menu_route(), "the valid keys of the same update apply");
        assertEquals(
                List.of(
                        "io.example: auth = 'yes' rejected (not true or false); keeping false",
                        "io.example: hash_table_size = '21' rejected (more than 20); keeping 12"),
                log);
        assertEquals(e, reader.current());
    }

    @Test
    void everyKindOfBadValueIsRejected() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("hash_table_size", "x");
        bad.put("min_expires", "0");
        bad.put("session_timeout", "NaN");
        bad.put("big", "99999999999999999999");
        bad.put("db.url", "jdbc:mysql://db");
        Example e = reader.read(bad);
        assertEquals(reader.defaults(), e);
        assertEquals(5, log.size(), log.toString());
        assertTrue(
                log.contains("io.example: db.url = 'jdbc:mysql://db' rejected (not a jdbc:h2: or "
                        + "jdbc:postgresql: URL); keeping ''"),
                log.toString());
        assertTrue(log.contains("io.example: min_expires = '0' rejected (less than 1); keeping 60"), log.toString());
        assertTrue(
                log.contains("io.example: session_timeout = 'NaN' rejected (not a finite number); keeping 60.0"),
                log.toString());
        assertTrue(
                log.contains("io.example: hash_table_size = 'x' rejected (not a whole number in range); keeping 9"),
                log.toString());
    }

    @Test
    void aBrokenRuleKeepsThePreviousValuesOfItsKeys() {
        reader.read(Map.of("min_expires", "10", "max_expires", "100"));
        Example e = reader.read(Map.of("min_expires", "200", "max_expires", "100", "hash_table_size", "3"));
        assertEquals(10, e.min__expires());
        assertEquals(100, e.max__expires());
        assertEquals(3, e.hash__table__size());
        assertEquals(
                List.of("io.example: min_expires = '200', max_expires = '100' rejected (the rule is "
                        + "min_expires <= max_expires); keeping min_expires = 10, max_expires = 100"),
                log);
    }

    @Test
    void anEndpointUriIsASchemeAndRestOrStartsWithACamelProperty() {
        Pattern uri = Pattern.compile(Check.ENDPOINT_URI);
        for (String good : List.of("sip:127.0.0.1:5070", "seda:cdr?size=10", "{{sip.listener}}", "{{x}}?a=b")) {
            assertTrue(uri.matcher(good).matches(), good);
        }
        for (String bad : List.of("", "127.0.0.1:5070", "5070", "{{}}", "{{sip.listener", "x{{a}}", "{{a{b}}")) {
            assertFalse(uri.matcher(bad).matches(), bad);
        }
    }

    @Test
    void secretsAreNeverShown() {
        Example e = reader.read(Map.of("http.api.token", "s3cret"));
        assertEquals("s3cret", e.http_api_token());
        assertFalse(e.toString().contains("s3cret"), e.toString());
        assertTrue(e.toString().startsWith("io.example{"), e.toString());
    }

    @Test
    void aSettingsTypeNeedsDefaultsThatPassTheirChecks() {
        assertThrows(IllegalArgumentException.class, () -> new SettingsReader<>("p", NoDefault.class, log::add));
        assertThrows(IllegalStateException.class, () -> new SettingsReader<>("p", BadDefault.class, log::add));
        assertThrows(IllegalArgumentException.class, () -> reader.rule("x", s -> true, "no_such_key"));
    }
}
