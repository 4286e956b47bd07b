"""Shared timing helper for the benchmarks."""

from __future__ import annotations

import statistics
import time


def timed(fn, repeat: int) -> float:
    """Median seconds of `repeat` calls of `fn`."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)
