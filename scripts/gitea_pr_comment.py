"""Post or update ONE pull-request comment on Gitea with the validator's markdown report.

    python3 scripts/gitea_pr_comment.py REPORT.md

Gitea Actions has no annotations, so the report goes into a comment. The previous comment is found by the
``<!-- baosong-report -->`` marker the markdown formatter writes first (and by the token's own account, when
the server tells it), and edited in place: one comment per pull request, always the latest result. A comment
that only pretends to be ours (someone pasted the marker) cannot be edited and does not hide the report. Standard library only (runs before or without the venv).

Environment (set by the workflow): GITEA_SERVER_URL (e.g. https://git.example.internal), GITEA_REPOSITORY
(owner/name), PR_NUMBER, GITEA_TOKEN (the job's token or a bot account's token with issue write access).
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

MARKER = "<!-- baosong-report -->"
PAGE = 50


def api(method: str, url: str, token: str, payload: dict | None = None):
    data = None if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url,
        data=data,
        method=method,
        headers={"Authorization": f"token {token}", "Accept": "application/json", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return json.loads(body) if body else None


def token_login(server: str, token: str) -> str | None:
    """The account the token acts as (GET /api/v1/user), or None when the server does not say."""
    try:
        return (api("GET", f"{server}/api/v1/user", token) or {}).get("login")
    except (urllib.error.URLError, OSError, ValueError):
        return None


def earlier_reports(base: str, token: str, number: str, login: str | None) -> list[int]:
    """Comments that look like our earlier report: they start with the marker and, when the token's account
    is known, are written by it (anyone can paste the marker into a comment of their own)."""
    found, page = [], 1
    while True:
        comments = api("GET", f"{base}/issues/{number}/comments?limit={PAGE}&page={page}", token) or []
        for comment in comments:
            author = (comment.get("user") or {}).get("login")
            if (comment.get("body") or "").startswith(MARKER) and (login is None or author == login):
                found.append(comment["id"])
        if len(comments) < PAGE:
            return found
        page += 1


def post_or_update(server: str, repository: str, number: str, token: str, body: str) -> str:
    server = server.rstrip("/")
    base = f"{server}/api/v1/repos/{repository}"
    for previous in earlier_reports(base, token, number, token_login(server, token)):
        try:
            api("PATCH", f"{base}/issues/comments/{previous}", token, {"body": body})
            return "updated"
        except urllib.error.HTTPError as exc:
            if exc.code not in (403, 404):  # 403/404: someone else's comment, try the next one
                raise
    api("POST", f"{base}/issues/{number}/comments", token, {"body": body})
    return "created"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    env = os.environ
    missing = [n for n in ("GITEA_SERVER_URL", "GITEA_REPOSITORY", "PR_NUMBER", "GITEA_TOKEN") if not env.get(n)]
    if missing:
        print(f"缺少环境变量：{'、'.join(missing)}，无法发表检查结果评论。", file=sys.stderr)
        return 2
    body = Path(argv[1]).read_text(encoding="utf-8")
    if not body.startswith(MARKER):
        body = MARKER + "\n" + body
    try:
        how = post_or_update(
            env["GITEA_SERVER_URL"], env["GITEA_REPOSITORY"], env["PR_NUMBER"], env["GITEA_TOKEN"], body
        )
    except (urllib.error.URLError, OSError, ValueError) as exc:
        print(f"发表检查结果评论失败（{exc}）：请检查令牌权限（需要可写工单/合并请求）。", file=sys.stderr)
        return 1
    print(f"检查结果评论已{'新建' if how == 'created' else '更新'}。")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
