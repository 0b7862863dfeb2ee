"""Peak memory of a command and all the processes it starts (the site build forks workers).

The sum of RSS would count the pages the forked workers share with their parent once per process;
PSS (proportional set size, Linux /proc) counts a page shared by n processes as 1/n in each, so the
sum over the tree is what the build really holds. Sampled every 0.1 s while the command runs.
"""

from __future__ import annotations

import os
import threading


def tree_pss(pid: int) -> int:
    """Proportional set size (bytes) of ``pid`` and all its descendants."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                parents[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    members, todo = {pid}, [pid]
    while todo:
        parent = todo.pop()
        for child, ppid in parents.items():
            if ppid == parent and child not in members:
                members.add(child)
                todo.append(child)
    total = 0
    for member in members:
        try:
            with open(f"/proc/{member}/smaps_rollup") as fh:
                total += sum(int(line.split()[1]) * 1024 for line in fh if line.startswith("Pss:"))
        except (OSError, ValueError, IndexError):
            continue
    return total


class PeakSampler:
    """``with PeakSampler(proc) as peak: ...`` → ``peak.bytes``: the largest tree PSS seen while it ran.

    Samples after 0.1 s, then less and less often up to once a second: reading a large process's
    memory map costs the kernel time, and the site build's peaks last seconds.
    """

    def __init__(self, proc, every: float = 1.0):
        self.proc, self.every, self.bytes = proc, every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        pause = 0.1
        while not self._stop.wait(pause) and self._running():
            self.bytes = max(self.bytes, tree_pss(self.proc.pid))
            pause = min(self.every, pause * 2)

    def _running(self) -> bool:
        """Still running, found without reaping it (``poll()`` would, and the caller's ``wait4`` then fails)."""
        try:
            return os.waitid(os.P_PID, self.proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None
        except ChildProcessError:
            return False

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
