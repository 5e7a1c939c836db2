package io.switchboard.ussd.internal;

import static io.switchboard.ussd.internal.UssdSession.Origin.MOBILE;
import static io.switchboard.ussd.internal.UssdSession.Origin.NETWORK_REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipped routes/ussd.xml, called the way the gateway calls it (CamelMenu): the example menus step by step. */
class ExampleMenuRoutesTest {

    private CamelContext camel;
    private CamelMenu menu;

    @BeforeEach
    void setUp() throws Exception {
        camel = new DefaultCamelContext();
        PluginHelper.getRoutesLoader(camel)
                .loadRoutes(ResourceHelper.resolveResource(
                        camel, "file:" + Path.of("../../routes/ussd.xml").toAbsolutePath()));
        camel.start();
        menu = new CamelMenu(camel.createProducerTemplate());
    }

    @AfterEach
    void tearDown() throws Exception {
        camel.close();
    }

    private MenuAnswer step(String dialled, String input, int step, UssdSession.Origin origin, String abort)
            throws Exception {
        return menu.call(
                "direct:ussd", new MenuStep("s1", "alice@example.org", dialled, "en", input, step, origin, abort));
    }

    @Test
    void balanceIsOneAnswer() throws Exception {
        MenuAnswer a = step("*100#", null, 1, MOBILE, null);
        assertEquals("Your balance is 10.00 EUR", a.text());
        assertFalse(a.continues());
        assertNull(a.errorCode());
    }

    @Test
    void theTwoLevelMenu() throws Exception {
        MenuAnswer main = step("*123#", null, 1, MOBILE, null);
        assertEquals("1 Bundles\n2 Balance", main.text());
        assertTrue(main.continues());
        MenuAnswer sub = step("*123#", "1", 2, MOBILE, null);
        assertEquals("1 Data 1 GB\n2 Voice 100 min", sub.text());
        assertTrue(sub.continues());
        MenuAnswer done = step("*123#", "2", 3, MOBILE, null);
        assertEquals("Voice 100 min activated", done.text());
        assertFalse(done.continues());
        MenuAnswer balance = step("*123#", "2", 2, MOBILE, null);
        assertEquals("Your balance is 10.00 EUR", balance.text());
        assertFalse(balance.continues());
        MenuAnswer wrong = step("*123#", "9", 2, MOBILE, null);
        assertEquals("Invalid choice: 9", wrong.text());
        assertFalse(wrong.continues());
    }

    @Test
    void otherCodesNetworkAnswersAndAborts() throws Exception {
        assertEquals("Unknown code *999#", step("*999#", null, 1, MOBILE, null).text());
        assertEquals(
                "Thank you, your answer was: 5",
                step("Rate us", "5", 1, NETWORK_REQUEST, null).text());
        assertFalse(step("*123#", null, 2, MOBILE, "bye").continues());
    }
}
