"""scripts/gitea_pr_comment.py over real HTTP: one comment per pull request, found again by its marker.

The server below answers the four Gitea API calls the script makes (list, create, edit comments) the way
Gitea's API does (``/api/v1/repos/{owner}/{repo}/...``, ``Authorization: token ...``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "gitea_pr_comment.py"
TOKEN = "s3cret"
BOT = "gitea-actions"


class GiteaComments(BaseHTTPRequestHandler):
    comments: list[dict]
    calls: list[tuple[str, str]]
    knows_user: bool = True

    def log_message(self, *args):
        pass

    def _reply(self, status: int, payload=None):
        body = json.dumps(payload, ensure_ascii=False).encode() if payload is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _allowed(self) -> bool:
        self.calls.append((self.command, self.path))
        if self.headers.get("Authorization") != f"token {TOKEN}":
            self._reply(401, {"message": "token is required"})
            return False
        return True

    def _body(self) -> dict:
        return json.loads(self.rfile.read(int(self.headers["Content-Length"])))

    def do_GET(self):
        if not self._allowed():
            return
        if self.path == "/api/v1/user":
            self._reply(200, {"login": BOT}) if self.knows_user else self._reply(404, {})
            return
        page = int(self.path.split("page=")[1])
        self._reply(200, self.comments[(page - 1) * 50 : page * 50])

    def do_POST(self):
        if self._allowed():
            self.comments.append(
                {"id": 1000 + len(self.comments), "body": self._body()["body"], "user": {"login": BOT}}
            )
            self._reply(201, self.comments[-1])

    def do_PATCH(self):
        if self._allowed():
            cid = int(self.path.rsplit("/", 1)[1])
            comment = next(c for c in self.comments if c["id"] == cid)
            if comment["user"]["login"] != BOT:  # Gitea: only the author (or an admin) edits a comment
                self._reply(403, {"message": "user should have permission to edit comment"})
                return
            comment["body"] = self._body()["body"]
            self._reply(200, comment)


@pytest.fixture
def gitea():
    handler = type(
        "Handler",
        (GiteaComments,),
        {"comments": [{"id": i, "body": f"讨论 {i}", "user": {"login": "licy"}} for i in range(60)], "calls": []},
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()


def run(url, report: Path, token=TOKEN):
    env = {"GITEA_SERVER_URL": url, "GITEA_REPOSITORY": "mengwang/xinxi", "PR_NUMBER": "7", "GITEA_TOKEN": token}
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(report)], env=env, capture_output=True, text=True, check=False
    )


def test_creates_one_comment_then_updates_it(gitea, tmp_path):
    url, handler = gitea
    report = tmp_path / "report.md"
    report.write_text("<!-- baosong-report -->\n## ❌ 信息报送检查结果\n第一次", encoding="utf-8")
    first = run(url, report)
    assert first.returncode == 0 and "新建" in first.stdout
    assert len(handler.comments) == 61
    report.write_text("<!-- baosong-report -->\n## ✅ 信息报送检查结果\n第二次", encoding="utf-8")
    second = run(url, report)
    assert second.returncode == 0 and "更新" in second.stdout
    ours = [c for c in handler.comments if "baosong-report" in c["body"]]
    assert len(ours) == 1 and "第二次" in ours[0]["body"]  # found on the second page, edited in place
    assert ("PATCH", "/api/v1/repos/mengwang/xinxi/issues/comments/1060") in handler.calls


def test_bad_token_fails_with_a_chinese_message(gitea, tmp_path):
    url, _ = gitea
    report = tmp_path / "report.md"
    report.write_text("<!-- baosong-report -->\n内容", encoding="utf-8")
    done = run(url, report, token="wrong")
    assert done.returncode == 1 and "令牌" in done.stderr


@pytest.mark.parametrize("knows_user", [True, False])
def test_a_pasted_marker_in_someone_elses_comment_neither_hijacks_nor_hides_the_report(gitea, tmp_path, knows_user):
    url, handler = gitea
    handler.knows_user = knows_user
    handler.comments[3]["body"] = "<!-- baosong-report -->\n## ✅ 信息报送检查结果\n没有问题（假的）"
    report = tmp_path / "report.md"
    report.write_text("<!-- baosong-report -->\n## ❌ 信息报送检查结果\n有错误", encoding="utf-8")
    done = run(url, report)
    assert done.returncode == 0 and "新建" in done.stdout, done.stderr
    assert handler.comments[3]["body"].endswith("没有问题（假的）")
    assert handler.comments[-1]["body"].endswith("有错误") and handler.comments[-1]["user"]["login"] == BOT
    again = run(url, report)  # the next run finds its own comment and edits it
    assert "更新" in again.stdout and sum("有错误" in c["body"] for c in handler.comments) == 1
