package io.switchboard.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a valid value of one setting is, beyond its type. On a method of a settings type, next to its metatype
 * {@code @AttributeDefinition}: the metatype annotations are gone at runtime (class retention), this one is what
 * {@link SettingsReader} checks a value against.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Check {

    /**
     * A {@link #pattern} for Camel endpoint URIs: {@code scheme:rest}, or one that starts with a Camel property
     * ({@code {{sip.listener}}}, the default of the sip senders: the URI is defined once, where the routes' listener
     * is). The endpoint itself is made, and its properties resolved, when used.
     */
    String ENDPOINT_URI = "[A-Za-z][A-Za-z0-9+.-]*:.+|\\{\\{[^{}]+}}.*";

    /** The {@link #expected} of {@link #ENDPOINT_URI}. */
    String AN_ENDPOINT_URI = "an endpoint URI (scheme:... or {{property}})";

    /** Smallest valid number (inclusive). */
    double min() default Double.NEGATIVE_INFINITY;

    /** Largest valid number (inclusive). */
    double max() default Double.POSITIVE_INFINITY;

    /** A regular expression a text must match as a whole (empty: any text). */
    String pattern() default "";

    /** How a valid text looks, for the log line of a rejected one (default: the pattern). */
    String expected() default "";
}
