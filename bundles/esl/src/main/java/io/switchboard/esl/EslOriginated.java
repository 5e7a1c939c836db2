package io.switchboard.esl;

/**
 * A call FreeSWITCH originated: the new channel's UUID (chosen by us as {@code origination_uuid}, so it is known
 * before the call is up) and the Job-UUID of the bgapi that ran it.
 *
 * @param uuid    the new call's channel UUID
 * @param jobUuid the bgapi Job-UUID
 * @param server  the server that placed the call
 */
public record EslOriginated(String uuid, String jobUuid, String server) {}
