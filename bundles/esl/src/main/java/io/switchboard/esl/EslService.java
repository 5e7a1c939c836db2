package io.switchboard.esl;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Event Socket for the REST API and the shell (routes use the {@code esl:} endpoints): originate calls and list
 * the FreeSWITCH servers. An OSGi service of the esl bundle.
 */
public interface EslService {

    /**
     * Originates a call with {@code bgapi originate}: completes when FreeSWITCH's BACKGROUND_JOB says the call was
     * answered ({@code +OK <uuid>}); fails with an {@link EslException} carrying FreeSWITCH's {@code -ERR <cause>}.
     *
     * @param server      a configured server's name, null for the default one
     * @param callUrl     the call URL, e.g. {@code sofia/external/1000@10.0.0.2}, {@code user/1000}
     * @param destination an extension ({@code 1000}) or an application ({@code &park()}, {@code &bridge(...)})
     * @param variables   channel variables, put in front of the URL as {@code {name=value,...}}
     * @param timeout     how long to wait for the job's result
     */
    CompletableFuture<EslOriginated> originate(
            String server, String callUrl, String destination, Map<String, String> variables, Duration timeout);

    /** The configured servers and their connections. */
    List<EslServerStatus> servers();
}
