"""Serve a built site on localhost (the standard library's server), for tests and the benchmark."""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"  # Debian's Chromium; Playwright never downloads a browser here
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # a browser hanging up (an unused preconnection, a page closed mid-request) is not worth a traceback
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, *, own_process: bool = False) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 on a free port; yields the base URL (``http://127.0.0.1:N/``).

    ``own_process``: answer from a child process (forked before the caller starts a browser driver), so that
    timings do not include waiting for this process's interpreter lock (the benchmark); otherwise a thread.
    """
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    if own_process:
        worker = multiprocessing.get_context("fork").Process(target=server.serve_forever, daemon=True)
    else:
        worker = threading.Thread(target=server.serve_forever, daemon=True)
    worker.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        if own_process:
            worker.terminate()
        else:
            server.shutdown()
        server.server_close()
        worker.join()
