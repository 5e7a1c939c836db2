package io.switchboard.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.http.RestException;

/** The HTTP status and message of an exception that ended a REST exchange. */
record ErrorStatus(int status, String message) {

    static ErrorStatus of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RestException r) {
                return new ErrorStatus(r.status(), r.getMessage());
            }
            if (t instanceof JsonProcessingException j) {
                return new ErrorStatus(400, "bad JSON: " + j.getOriginalMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return new ErrorStatus(
                500,
                "internal error: " + failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
    }
}
