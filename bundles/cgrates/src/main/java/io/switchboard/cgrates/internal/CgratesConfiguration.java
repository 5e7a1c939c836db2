package io.switchboard.cgrates.internal;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/**
 * The options of one {@code cgrates:} endpoint, {@code cgrates:method[?options]}. The engines, tenant and policies
 * are the component's, from Config Admin (PID {@code io.switchboard.cgrates}).
 */
@UriParams
public class CgratesConfiguration {

    static final String CALL = "call";

    @UriPath(
            description = "call: bill the call of this INVITE (RequestType, prepaid authorization, call limits); "
                    + "or any CGRateS method, e.g. SessionSv1.AuthorizeEvent, sent with the CgratesOpt./"
                    + "CgratesEvent. headers (OpenSIPS cgrates_cmd)")
    @Metadata(required = true)
    private String method;

    @UriParam(
            label = "producer",
            defaultValue = "false",
            description = "method calls only: throw a CgratesException on an error answer (default: set CgratesError "
                    + "and go on)")
    private boolean throwOnError;

    public String getMethod() {
        return method;
    }

    /**
     * @throws IllegalArgumentException for a name that is neither call nor Service.Method, so a typo fails when the
     *                                  route starts, not on the first call
     */
    public void setMethod(String method) {
        if (!CALL.equals(method) && !method.matches("[A-Za-z][A-Za-z0-9]*\\.[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException(
                    "cgrates:" + method + " is neither cgrates:call nor a CGRateS method (Service.Method)");
        }
        this.method = method;
    }

    public boolean isThrowOnError() {
        return throwOnError;
    }

    public void setThrowOnError(boolean throwOnError) {
        this.throwOnError = throwOnError;
    }
}
