"""The machine a benchmark ran on (every results file records it), writing results, and the
Wilson interval the hand-labelled samples report."""

from __future__ import annotations

import json
import math
import os
import platform
import subprocess
import time
from pathlib import Path
from typing import Any


def machine() -> dict[str, Any]:
    """Where the figures came from (they mean little without it)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory,
            "python": platform.python_version(), "system": platform.platform(),
            "load_average_1m_at_start": load, "python_loop_ms": python_loop_ms()}


def python_loop_ms(n: int = 1_000_000) -> float:
    """One core's speed at pure Python, to compare figures taken on different machines of
    the same name ("AMD EPYC", 2 cores): the best of three 1,000,000-step additions loops
    (session 7's machine: 174 ms, at which a first BBC /compare took 600-954 ms, where
    session 6's read 224-387 ms on the same code)."""
    best = float("inf")
    for _ in range(3):
        start, total = time.perf_counter(), 0
        for i in range(n):
            total += i
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 1)


def write_results(path: Path, data: dict[str, Any]) -> None:
    """Write one benchmark's results file: indented JSON, UTF-8 text, trailing newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def run_child(cmd: list[str], timeout: float) -> dict[str, Any]:
    """Run a benchmark phase in a fresh process; its result is the JSON on its last
    stdout line, or why there is none (timed out, failed with the tail of its stderr)."""
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"timed_out_after_s": timeout}
    except subprocess.CalledProcessError as exc:
        return {"failed": exc.stderr[-2000:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score 95% interval of the proportion k / n, rounded to 3 places."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (round(centre - half, 3), round(centre + half, 3))


def write_labelled(path: Path, result: dict[str, Any], labels: Path | None,
                   figures: dict[str, Any] | None) -> None:
    """Write a labelled-sample benchmark's ``result`` to ``path`` and print it (less the
    machine); ``figures`` (when given) are kept under ``by_labels`` by the name of the
    ``labels`` file they were read from, beside the figures of earlier files, so the rounds'
    figures stand side by side."""
    if labels is not None and figures is not None:
        kept = (json.loads(path.read_text(encoding="utf-8")).get("by_labels", {})
                if path.exists() else {})
        kept[labels.name] = figures
        result["by_labels"] = kept
    write_results(path, result)
    print(json.dumps({k: v for k, v in result.items() if k not in ("machine", "by_labels")},
                     indent=1))
