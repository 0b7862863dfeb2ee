"""S08's parent side: one persistent worker process, a time limit per body, restart after a timeout."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

TIME_LIMIT = 10.0  # seconds per body: items render in milliseconds, a 200 KB body with heavy markup in ~2 s
WORKER = [sys.executable, "-m", "baosong.scan.html_worker"]


@dataclass(frozen=True)
class Audit:
    problems: list[dict]  # [{"detail": ..., "needle": ...}]
    timed_out: bool = False
    error: str | None = None


class Renderer:
    """Sends bodies to one worker process; kills and replaces it when a body exceeds ``time_limit``."""

    def __init__(self, time_limit: float = TIME_LIMIT):
        self.time_limit = time_limit
        self.proc: subprocess.Popen | None = None
        self.started = 0  # how many worker processes this renderer has started

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> subprocess.Popen:
        env = dict(os.environ)
        package_root = str(Path(__file__).resolve().parents[2])  # the folder holding baosong/
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen(
            WORKER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
        )
        self.started += 1
        return self.proc

    def _kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream is not None:
                    stream.close()
            self.proc = None

    def close(self) -> None:
        if self.proc is None:
            return
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self._kill()

    def audit(self, body: str) -> Audit:
        proc = self.proc if self.proc is not None and self.proc.poll() is None else self._start()
        try:
            proc.stdin.write(json.dumps({"body": body}, ensure_ascii=True).encode() + b"\n")
            proc.stdin.flush()
        except OSError:
            self._kill()
            return Audit([], error="worker")
        line = self._read_line(proc, time.monotonic() + self.time_limit)
        if not line:
            self._kill()
            return Audit([], timed_out=line is None, error=None if line is None else "worker")
        try:
            answer = json.loads(line)
        except ValueError:
            self._kill()
            return Audit([], error="worker")
        return Audit(answer.get("problems", []), error=answer.get("error"))

    @staticmethod
    def _read_line(proc: subprocess.Popen, deadline: float) -> bytes | None:
        """One answer line; None when the deadline passes, b\"\" when the worker died."""
        fd = proc.stdout.fileno()
        chunks = []
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                return b""  # the worker died
            chunks.append(chunk)
            if chunk.endswith(b"\n"):
                return b"".join(chunks)
