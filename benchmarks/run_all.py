"""Run every benchmark, one after the other (they time things, so never in parallel), and print their figures.

Usage: uv run python benchmarks/run_all.py [--quick]   (--quick: scale at 1k and 10k, import of 10k files)
Record the printed figures in BENCHMARKS.md with the machine line.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    quick = "--quick" in sys.argv
    runs = [
        ("start-up", ["bench_startup.py"]),
        ("BBC ingest", ["bench_ingest.py"]),
        ("extraction throughput", ["bench_extract.py"]),
        ("reader", ["bench_reader.py"]),
        ("alignment and comparison", ["bench_alignment.py"]),
        ("scale", ["bench_scale.py", "--sizes", "1000,10000" if quick else "1000,10000,100000"]),
        (
            "import cancelled, killed and resumed",
            ["bench_import.py", "--files", "10000" if quick else "100000"],
        ),
    ]
    failed = 0
    for title, args in runs:
        print(f"\n=== {title} ({' '.join(args)})", flush=True)
        t0 = time.perf_counter()
        r = subprocess.run([sys.executable, str(HERE / args[0]), *args[1:]], cwd=HERE.parent)
        failed += r.returncode != 0
        print(
            f"--- {title}: {time.perf_counter() - t0:.0f} s{' (FAILED)' if r.returncode else ''}", flush=True
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
