"""The limits every Markdown rendering runs under, in validate's workers and in the site build alike.

Python-Markdown has quadratic paths (setext headings, runs of ``~~``, ``==``, backticks, ``[a](``)
and recurses once per nesting level (lists, quotes, definition lists): one crafted body can take
minutes or overflow the stack. So a body is rendered in a worker process with

* a CPU-time limit per body (``cpu_seconds``: 2 s plus 1 s per 20 KB; real items take milliseconds,
  a 200 KB body of tables about 3 s) — CPU time, not wall time, so a busy machine does not turn a
  normal item into a finding; the parent still kills a worker that overruns the wall-clock backstop;
* Python's default recursion limit (1,000 frames; real items nest a few levels);
* an address-space limit (1 GB) so a body cannot exhaust the machine's memory.

The same numbers apply where the site build renders pages itself (``site.render``).
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading

RECURSION_LIMIT = 1000
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space per worker
CPU_BASE = 2.0  # seconds
CPU_PER_BYTE = 1.0 / 20_000  # seconds per byte of UTF-8 body


def cpu_seconds(text: str) -> float:
    """CPU seconds one body may take to render: ``CPU_BASE`` plus ``CPU_PER_BYTE`` per UTF-8 byte."""
    return CPU_BASE + len(text.encode("utf-8", "surrogatepass")) * CPU_PER_BYTE


def wall_seconds(text: str) -> float:
    """The parent's backstop: a worker still busy after this many wall seconds is killed."""
    return cpu_seconds(text) * 3 + 5


class OutOfTime(BaseException):
    """Raised in a worker when a body used up its CPU time (a BaseException: no ``except Exception`` hides it)."""


def apply_process_limits(memory: int | None = MEMORY_LIMIT) -> None:
    """Recursion limit and (when ``memory``) an address-space limit for this process; a worker calls it first."""
    sys.setrecursionlimit(RECURSION_LIMIT)
    if memory is None:
        return
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform: the wall-clock backstop still holds


def _out_of_time(signum, frame):
    raise OutOfTime


@contextlib.contextmanager
def cpu_limit(seconds: float):
    """Raise ``OutOfTime`` inside the block once this process has used ``seconds`` of CPU time (SIGPROF).

    Signals reach the main thread only: elsewhere (``mkdocs serve`` rebuilds in a thread) no limit is set.
    """
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGPROF, _out_of_time)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
