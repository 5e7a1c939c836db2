#!/usr/bin/env python3
"""The G1 pauses of each step of a latency-bench.sh run, by kind.

Usage: itests/bench/gc-steps.py RESULTS...   (RESULTS: the directory of a latency-bench.sh run)

For each step (the lines run_step wrote in RESULTS/step-RATE.gc-lines: the GC log's line count before and after the
step) it prints the pauses of RESULTS/gc.log in the step: how many, median, p90 and longest; how many over 20 ms;
the longest young pause of each kind (Normal, Concurrent Start, Mixed) and the number of mixed collections; and the
median growth of the heap after consecutive normal young pauses, which is what each of them promoted (to the MB of
the log). What it answers: whether a step's long pauses are the young collections themselves or the mixed ones that
follow a marking cycle.
"""
import glob
import os
import re
import statistics
import sys

PAUSE = re.compile(r"Pause (Young \((Normal|Mixed|Concurrent Start|Prepare Mixed)\)|Remark|Cleanup)"
                   r".* (\d+)M->(\d+)M\((\d+)M\) ([\d.]+)ms")


def steps(results):
    found = []
    for f in glob.glob(os.path.join(results, "step-*.gc-lines")):
        rate = int(re.search(r"step-(\d+)\.gc-lines$", f).group(1))
        first, last = (int(x) for x in open(f).read().split())
        found.append((rate, first, last))
    return sorted(found)


def report(results):
    lines = open(os.path.join(results, "gc.log")).read().splitlines()
    for rate, first, last in steps(results):
        pauses = []
        for line in lines[first:last]:
            m = PAUSE.search(line)
            if m:
                kind = m.group(2) or m.group(1)
                pauses.append((kind, int(m.group(4)), float(m.group(6))))
        if not pauses:
            print(f"{os.path.basename(results)} {rate}/s: no pause logged")
            continue
        ms = sorted(p[2] for p in pauses)
        normal = [p for p in pauses if p[0] == "Normal"]
        promoted = [b[1] - a[1] for a, b in zip(normal, normal[1:]) if b[1] >= a[1]]
        longest = {k: max((p[2] for p in pauses if p[0] == k), default=0.0)
                   for k in ("Normal", "Concurrent Start", "Mixed")}
        print(f"{os.path.basename(results)} {rate}/s: {len(ms)} pauses, median {statistics.median(ms):.1f}, "
              f"p90 {ms[int(len(ms) * 0.9)]:.1f}, longest {ms[-1]:.1f} ms, {sum(p > 20 for p in ms)} over 20 ms; "
              f"longest young {longest['Normal']:.1f}, concurrent start {longest['Concurrent Start']:.1f}, "
              f"mixed {longest['Mixed']:.1f} ms ({sum(p[0] == 'Mixed' for p in pauses)} mixed); "
              f"promoted per young pause {statistics.median(promoted) if promoted else 0:.0f} MB")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for r in sys.argv[1:]:
        report(r)
