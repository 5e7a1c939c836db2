package io.switchboard.cx.internal.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** {@code <TriggerPoint>}: CNF (1, an AND of ORed groups) or DNF (0, an OR of ANDed groups) over SPTs. */
@XmlType(propOrder = {"conditionTypeCnf", "spts"})
public class TriggerPoint {

    @XmlElement(name = "ConditionTypeCNF", required = true)
    public int conditionTypeCnf;

    @XmlElement(name = "SPT")
    public List<Spt> spts = new ArrayList<>();
}
