package io.switchboard.dfks.internal.csta;

import jakarta.xml.bind.annotation.XmlEnum;
import jakarta.xml.bind.annotation.XmlEnumValue;
import jakarta.xml.bind.annotation.XmlType;

/** The CSTA forwarding types DFKS uses. */
@XmlType(name = "ForwardingType")
@XmlEnum
public enum ForwardingType {
    @XmlEnumValue("forwardImmediate")
    FORWARD_IMMEDIATE,
    @XmlEnumValue("forwardBusy")
    FORWARD_BUSY,
    @XmlEnumValue("forwardNoAns")
    FORWARD_NO_ANS
}
