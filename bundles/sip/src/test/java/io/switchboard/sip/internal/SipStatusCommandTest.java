package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sip.SipHeaders;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

class SipStatusCommandTest extends SipTestSupport {

    @Test
    void printsOneLinePerConnectorWithItsCounters() throws Exception {
        int portA = RawSip.freePort();
        int portB = RawSip.freePort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("sip:127.0.0.1:" + portA + "?transports=udp").setHeader(SipHeaders.STATUS, constant(200));
                from("sip:127.0.0.1:" + portB).setHeader(SipHeaders.STATUS, constant(200));
            }
        });
        try (RawSip.Udp peer = new RawSip.Udp()) {
            peer.send(
                    RawSip.request(
                            "OPTIONS",
                            "sip:sb@127.0.0.1:" + portA,
                            "UDP",
                            peer.port(),
                            RawSip.newCallId(),
                            1,
                            RawSip.branch(),
                            null,
                            null),
                    portA);
            assertEquals(200, peer.receive(3000).status());
            peer.send("garbage\r\n\r\n", portA);
        }
        assertTrue(await(
                () -> stats(portA).malformedMessages() == 1 && stats(portA).responsesSent() == 1, 3000));

        SipStatusCommand command = new SipStatusCommand();
        command.provider = component;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(old);
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length, String.join("\n", lines));
        String a = lines[0].contains(":" + portA + " ") ? lines[0] : lines[1];
        String b = lines[0].contains(":" + portA + " ") ? lines[1] : lines[0];
        assertEquals(
                "127.0.0.1:" + portA
                        + " udp requestsReceived=1 responsesSent=1 requestsSent=0 responsesReceived=0 malformed=1"
                        + " dropped=0",
                a);
        assertEquals(
                "127.0.0.1:" + portB
                        + " udp,tcp requestsReceived=0 responsesSent=0 requestsSent=0 responsesReceived=0 malformed=0"
                        + " dropped=0",
                b);

        context.stop();
        assertEquals("No SIP connector is running\n", SipStatusCommand.format(component.statistics()));
    }
}
