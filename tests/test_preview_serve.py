"""The local server of tests and scripts: a browser that hangs up is no traceback on the user's screen."""

from __future__ import annotations

import socket
import struct
import time
import urllib.request
from urllib.parse import urlsplit

from baosong.site.search.preview import serve


def test_a_client_that_resets_the_connection_prints_nothing(tmp_path, capfd):
    (tmp_path / "index.html").write_text("<p>好</p>", encoding="utf-8")
    with serve(tmp_path) as base:
        host, port = urlsplit(base).hostname, urlsplit(base).port
        for _ in range(3):
            s = socket.create_connection((host, port))
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close = RST
            s.sendall(b"GET / HTTP/1.1\r\n")
            s.close()
        time.sleep(0.3)
        assert urllib.request.urlopen(base).read().decode("utf-8") == "<p>好</p>"  # still serving
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Exception occurred" not in err, err
