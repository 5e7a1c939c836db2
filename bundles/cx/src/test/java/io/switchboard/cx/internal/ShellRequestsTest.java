package io.switchboard.cx.internal;

import static io.switchboard.cx.internal.AnsweringStack.SCSCF_HOST;
import static io.switchboard.cx.internal.ImsFixture.ALICE;
import static io.switchboard.cx.internal.ImsFixture.ALICE_SIP;
import static io.switchboard.cx.internal.ImsFixture.SCSCF1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.cx.RegistrationState;
import io.switchboard.cx.ServerAssignment;
import io.switchboard.cx.internal.diameter.CxRequestSender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ims:deregister and ims:push-profile send RTR/PPR and print what each S-CSCF answered. */
class ShellRequestsTest {

    private static String run(ThrowingRunnable command) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            command.run();
        } finally {
            System.setOut(out);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void deregisterAndPushProfilePrintTheAnswers() throws Exception {
        ImsFixture f = new ImsFixture();
        HssEngine hss = f.hss(false);
        AnsweringStack stack = new AnsweringStack(r -> AnsweringStack.answer(r, 2001));
        CxRequestSender sender = new CxRequestSender(hss, stack, f.store);
        hss.serverAssignment(new ServerAssignment(ALICE, List.of(ALICE_SIP), SCSCF1, 1, false, SCSCF_HOST));

        ImsPushProfileCommand push = new ImsPushProfileCommand();
        push.requests = sender;
        push.impi = ALICE;
        String pushed = run(push::execute);
        assertTrue(pushed.contains("PPR to " + SCSCF_HOST + " for " + ALICE + ": Result-Code 2001"), pushed);

        ImsDeregisterCommand dereg = new ImsDeregisterCommand();
        dereg.requests = sender;
        dereg.identity = ALICE_SIP;
        dereg.reason = 3;
        String shown = run(dereg::execute);
        assertTrue(shown.contains("RTR to " + SCSCF_HOST + " for " + ALICE + ": Result-Code 2001"), shown);
        assertEquals(
                RegistrationState.NOT_REGISTERED,
                f.store.registration(ALICE_SIP).state());
        assertTrue(run(dereg::execute).contains("no S-CSCF holds " + ALICE_SIP), "nothing left to de-register");
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        Object run() throws Exception;
    }
}
