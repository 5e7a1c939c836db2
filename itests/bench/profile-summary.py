#!/usr/bin/env python3
"""Summary of an async-profiler collapsed profile (latency-bench.sh PROFILE_RATE, "threads" option: the first frame
of each stack is the thread). Prints the share of all samples per thread group, per component (a sample counts for
every component with a frame on its stack, so the shares overlap), the methods with the most samples of their own,
and the inclusive share of Switchboard's and Camel's methods.

Usage: itests/bench/profile-summary.py step-RATE.collapsed [TOP]
"""
import collections
import re
import sys

COMPONENTS = [  # first match wins, by frame prefix
    ("JAIN-SIP parser", ("gov/nist/javax/sip/parser", "gov/nist/core")),
    ("JAIN-SIP stack", ("gov/nist/javax/sip/stack",)),
    ("JAIN-SIP messages/headers", ("gov/nist",)),
    ("dialog", ("io/switchboard/dialog",)),
    ("callfwd", ("io/switchboard/callfwd",)),
    ("dfks", ("io/switchboard/dfks",)),
    ("sip component", ("io/switchboard/sip",)),
    ("other Switchboard", ("io/switchboard",)),
    ("Camel", ("org/apache/camel",)),
    ("H2", ("org/h2",)),
    ("logging", ("org/ops4j/pax/logging", "org/apache/logging", "org/slf4j")),
]


def component(frame):
    for name, prefixes in COMPONENTS:
        if frame.startswith(prefixes):
            return name
    return None


def thread_group(frame):
    name = re.sub(r"\s*tid=\d+$", "", frame.strip("[]"))
    return re.sub(r"\d+", "#", name)[:48]


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    total = 0
    threads, comps, own, ours = (collections.Counter() for _ in range(4))
    with open(path) as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not stack:
                continue
            n = int(count)
            frames = stack.split(";")
            total += n
            threads[thread_group(frames[0])] += n
            own[frames[-1]] += n
            for c in {component(fr) for fr in frames[1:]} - {None}:
                comps[c] += n
            for m in {fr for fr in frames[1:] if fr.startswith(("io/switchboard", "org/apache/camel"))}:
                ours[m] += n
    if not total:
        sys.exit("no samples in " + path)
    pct = lambda v: 100.0 * v / total  # noqa: E731
    print(f"{total} samples")
    print("\nthreads (share of all samples):")
    for k, v in threads.most_common(12):
        print(f"  {pct(v):5.1f}  {k}")
    print("\ncomponents (samples with a frame of it; overlapping):")
    for k, v in comps.most_common():
        print(f"  {pct(v):5.1f}  {k}")
    print(f"\nown samples, top {top}:")
    for k, v in own.most_common(top):
        print(f"  {pct(v):5.1f}  {k}")
    print(f"\nSwitchboard and Camel methods, inclusive, top {top}:")
    for k, v in ours.most_common(top):
        print(f"  {pct(v):5.1f}  {k}")


if __name__ == "__main__":
    main()
