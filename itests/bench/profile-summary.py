#!/usr/bin/env python3
"""Summary of an async-profiler collapsed profile (latency-bench.sh PROFILE_RATE, "threads" option: the first frame
of each stack is the thread). Prints the share of all samples per thread group, per component (a sample counts for
every component with a frame on its stack, so the shares overlap), the methods with the most samples of their own,
and the inclusive share of Switchboard's and Camel's methods.

With --waits (a wall-clock profile: PROFILE_EVENT=wall) it prints instead what the SIP worker threads did with their
time: handling a message, sending (the sendto system call), idle on their queue, blocked on a lock (by the method
that took it), waking another thread (by the method that did), or stopped for the collector (no Java frame).

Usage: itests/bench/profile-summary.py step-RATE.collapsed [TOP]
       itests/bench/profile-summary.py --waits step-RATE.collapsed [TOP]
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


WORKER = "UDPMessageChannelThread"  # JAIN-SIP's channel threads: our SIP workers
PLUMBING = ("java/util/concurrent/locks", "jdk/internal/misc", "java/lang/Thread.")


def caller(frames):
    """The deepest Java frame that is not lock or park plumbing, and the deepest of ours or JAIN-SIP's above it."""
    java = [fr for fr in frames if "/" in fr and not fr.startswith(("[",) + PLUMBING)]
    if not java:
        return "?"
    site = java[-1].split("(")[0]
    owner = next((fr for fr in reversed(java) if fr.startswith(("io/switchboard", "gov/nist"))), None)
    return site if owner is None or owner == java[-1] else f"{site} (from {owner.split('(')[0]})"


def wait_kind(frames):
    stack = ";".join(frames)
    java = [fr for fr in frames if "/" in fr and not fr.startswith("[")]
    if not java or all(fr.startswith("java/lang/Thread") for fr in java):
        return "stopped (safepoint: collector, no Java frame)"
    if "LinkedBlockingQueue.take" in stack or "LinkedBlockingQueue.poll" in stack:
        if "Worker.run" in stack and "processIncomingDataPacket" not in stack:
            return "idle on its queue"
    if "AbstractQueuedSynchronizer.acquire" in stack and "park" in stack:
        return "blocked on a lock: " + caller(frames)
    if "unpark" in stack:
        return "waking another thread: " + caller(frames)
    if "DatagramChannelImpl.send" in stack or "send0" in stack or "sendto" in stack:
        return "sending (sendto)"
    if "park" in stack or "Object.wait" in stack:
        return "waiting: " + caller(frames)
    return "handling messages"


def waits(path, top):
    total = 0
    kinds = collections.Counter()
    with open(path) as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            frames = stack.split(";")
            if not stack or WORKER not in frames[0]:
                continue
            n = int(count)
            total += n
            kinds[wait_kind(frames[1:])] += n
    if not total:
        sys.exit("no samples of the SIP workers in " + path)
    print(f"{total} wall-clock samples of the SIP workers")
    for k, v in kinds.most_common(top):
        print(f"  {100.0 * v / total:5.1f}  {k}")


def main():
    if sys.argv[1] == "--waits":
        waits(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 20)
        return
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
