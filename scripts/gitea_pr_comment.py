"""Post or update ONE pull-request comment on Gitea with the validator's markdown report.

    python3 scripts/gitea_pr_comment.py REPORT.md

Gitea Actions has no annotations, so the report goes into a comment. The previous comment is found by the
``<!-- baosong-report -->`` marker the markdown formatter writes first, and edited in place: one comment per
pull request, always the latest result. Standard library only (runs before or without the venv).

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


def find_previous(base: str, token: str, number: str) -> int | None:
    page = 1
    while True:
        comments = api("GET", f"{base}/issues/{number}/comments?limit={PAGE}&page={page}", token) or []
        for comment in comments:
            if MARKER in (comment.get("body") or ""):
                return comment["id"]
        if len(comments) < PAGE:
            return None
        page += 1


def post_or_update(server: str, repository: str, number: str, token: str, body: str) -> str:
    base = f"{server.rstrip('/')}/api/v1/repos/{repository}"
    previous = find_previous(base, token, number)
    if previous is None:
        api("POST", f"{base}/issues/{number}/comments", token, {"body": body})
        return "created"
    api("PATCH", f"{base}/issues/comments/{previous}", token, {"body": body})
    return "updated"


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
    if MARKER not in body:
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
