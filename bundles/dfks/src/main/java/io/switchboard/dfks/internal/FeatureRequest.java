package io.switchboard.dfks.internal;

import io.switchboard.dfks.Feature;

/** A phone's Set request: which feature, on/off, the values it gave (null when not given) and its device. */
record FeatureRequest(Feature feature, boolean status, String forwardTo, Integer ringCount, String device) {}
