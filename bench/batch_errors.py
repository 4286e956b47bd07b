#!/usr/bin/env python3
"""Bad records against good ones in one batch run: what a registry full of errors costs.

Run: python bench/batch_errors.py [--lines 20000] [--repeat 3]

Times `zhisuan check --jsonl F --format jsonl --workers 1` on N good records (bench/synth.py) and
on N bad ones (`{}`: every required key missing, the worst common case), and reports the ratio
bad/good per record and how many stderr lines each run wrote (the first 20 errors, then a count).
Not part of the test suite; results go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(path: Path) -> tuple[float, int]:
    """Seconds of one batch run and the number of stderr lines it wrote."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "engine", "check", "--jsonl", str(path), "--format", "jsonl", "--workers", "1"],
                          cwd=ROOT, capture_output=True, check=True)
    return time.perf_counter() - start, done.stderr.count(b"\n")


def main() -> None:
    """Print seconds per record for good and bad lines, their ratio, and stderr line counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        good, bad = Path(folder) / "good.jsonl", Path(folder) / "bad.jsonl"
        with good.open("w", encoding="utf-8") as fh:
            subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), "--vendors", str(args.lines), "--seed", "1"],
                           stdout=fh, check=True)
        bad.write_text("{}\n" * args.lines, encoding="utf-8")
        times = {"good": [], "bad": []}
        lines = {}
        for _ in range(args.repeat):  # interleaved: drift hits both alike
            for name, path in (("good", good), ("bad", bad)):
                seconds, lines[name] = _run(path)
                times[name].append(seconds)
    median = {name: sorted(values)[len(values) // 2] for name, values in times.items()}
    for name in ("good", "bad"):
        print(f"{name:>4}: {median[name] / args.lines * 1e6:8.1f} µs/record  ({lines[name]} stderr lines)")
    print(f"bad/good: {median['bad'] / median['good']:.2f}×  ({args.lines} records each, median of {args.repeat})")


if __name__ == "__main__":
    main()
