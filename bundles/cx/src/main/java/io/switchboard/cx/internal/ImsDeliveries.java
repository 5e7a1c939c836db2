package io.switchboard.cx.internal;

import io.switchboard.cx.CxDelivery;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for the answers of the RTRs or PPRs a shell command sent and prints one line each. The wait is bounded
 * although each request has its own time-out, so that a stuck node cannot hold the shell.
 */
final class ImsDeliveries {

    private static final long WAIT_SECONDS = 60;

    private ImsDeliveries() {}

    static void print(CompletionStage<List<CxDelivery>> sent, String command, String about) {
        try {
            List<CxDelivery> out = sent.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (out.isEmpty()) {
                System.out.println("no S-CSCF holds " + about + ": no " + command + " sent");
            }
            for (CxDelivery d : out) {
                System.out.println(d);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("Error: interrupted");
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("Error: " + e);
        }
    }
}
