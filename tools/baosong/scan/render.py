"""Rendering item bodies for validate: worker processes under limits (limits.py), each body once.

``render_bodies(bodies)`` answers, per body, the HTML the site will publish and the problems S08
reports, or why it could not be rendered (F12). Answers are kept by content hash in a ``BodyStore``
(store.py, outside the repository), so a body is rendered once whatever runs next: validate, stats,
the build. The workers are plain ``python -m baosong.scan.html_worker`` processes speaking JSON lines;
a worker that overruns the wall-clock backstop or dies is killed and replaced.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .limits import cpu_seconds, wall_seconds

WORKER = [sys.executable, "-m", "baosong.scan.html_worker"]
BODIES_PER_WORKER = 40  # below this many bodies per worker, fewer workers start (each costs ~0.2 s to start)


@dataclass(frozen=True)
class Verdict:
    """What rendering one body gave: problems for S08, or a ``failure`` for F12.

    ``failure``: ``time`` (CPU limit), ``depth`` (recursion limit), ``memory``, ``error`` (the renderer
    raised), ``crash`` (the worker died), or None when the body rendered.
    """

    problems: list[dict] = field(default_factory=list)  # [{"detail", "needle", "at"?}]
    failure: str | None = None

    def to_json(self) -> str:
        if not self.problems and self.failure is None:
            return CLEAN_JSON
        return json.dumps({"problems": self.problems, "failure": self.failure}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Verdict:
        if text == CLEAN_JSON:  # nearly every body: no parsing
            return CLEAN
        data = json.loads(text)
        return cls(list(data.get("problems") or []), data.get("failure"))


CLEAN_JSON = '{"problems": [], "failure": null}'
CLEAN = Verdict()


def _worker_env() -> dict:
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[2])  # the folder holding baosong/
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    return env


class Worker:
    """One worker process and the body it is rendering."""

    def __init__(self):
        self.proc = subprocess.Popen(
            WORKER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_worker_env()
        )
        self.buffer = b""
        self.key: str | None = None
        self.deadline = 0.0

    def send(self, key: str, body: str) -> bool:
        self.key, self.buffer = key, b""
        self.deadline = time.monotonic() + wall_seconds(body)
        request = {"body": body, "cpu": cpu_seconds(body)}
        try:
            self.proc.stdin.write(json.dumps(request, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n")
            self.proc.stdin.flush()
        except OSError:
            return False
        return True

    def read(self) -> bytes | None:
        """Read what is there: the answer line when complete, b"" when the worker died, else None."""
        chunk = os.read(self.proc.stdout.fileno(), 1 << 20)
        if not chunk:
            return b""
        self.buffer += chunk
        if self.buffer.endswith(b"\n"):
            line, self.buffer = self.buffer, b""
            return line
        return None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()

    def close(self) -> None:
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()


@dataclass
class Rendered:
    verdict: Verdict
    html: str | None  # None when the body could not be rendered


def _parse(line: bytes) -> Rendered:
    try:
        data = json.loads(line)
    except ValueError:
        return Rendered(Verdict(failure="crash"), None)
    if data.get("failure"):
        return Rendered(Verdict(failure=data["failure"]), None)
    return Rendered(Verdict(list(data.get("problems") or [])), data.get("html") or "")


def render_many(todo: dict[str, str], workers: int | None = None) -> dict[str, Rendered]:
    """Render ``todo`` (key → body) in parallel workers; key → Rendered, every key answered.

    ``workers``: at most this many processes (default: the usable cores), fewer for few bodies.
    """
    if not todo:
        return {}
    cores = workers or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    count = max(1, min(cores, -(-len(todo) // BODIES_PER_WORKER)))
    queue = list(todo.items())
    queue.reverse()  # pop() from the end keeps the given order
    out: dict[str, Rendered] = {}
    pool: list[Worker] = []
    idle: list[Worker] = []
    try:
        while queue or any(w.key is not None for w in pool):
            while queue and (idle or len(pool) < count):
                worker = idle.pop() if idle else Worker()
                if worker not in pool:
                    pool.append(worker)
                key, body = queue.pop()
                if not worker.send(key, body):
                    out[key] = Rendered(Verdict(failure="crash"), None)
                    worker.key = None
                    pool.remove(worker)
                    worker.kill()
            busy = {w.proc.stdout.fileno(): w for w in pool if w.key is not None}
            if not busy:
                continue
            wait = max(0.0, min(w.deadline for w in busy.values()) - time.monotonic())
            with selectors.DefaultSelector() as chooser:  # poll/epoll: no FD_SETSIZE (1024) limit as select() has
                for fd in busy:
                    chooser.register(fd, selectors.EVENT_READ)
                ready = [key.fd for key, _ in chooser.select(wait)]
            for fd in ready:
                worker = busy[fd]
                line = worker.read()
                if line is None:
                    continue
                out[worker.key] = _parse(line) if line else Rendered(Verdict(failure="crash"), None)
                worker.key = None
                if line:  # after a failed body the worker has made a fresh converter: it can go on
                    idle.append(worker)
                else:
                    pool.remove(worker)
                    worker.kill()
            now = time.monotonic()
            for worker in [w for w in pool if w.key is not None and w.deadline <= now]:
                out[worker.key] = Rendered(Verdict(failure="time"), None)
                worker.key = None
                pool.remove(worker)
                worker.kill()
    finally:
        for worker in pool:
            worker.close()
    return out
