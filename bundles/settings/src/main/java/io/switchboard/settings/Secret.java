package io.switchboard.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A setting whose value is never logged (a password, a token): log lines and {@code toString} show {@code ***}.
 * Its metatype attribute should say {@code type = AttributeType.PASSWORD}, which is gone at runtime.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Secret {}
