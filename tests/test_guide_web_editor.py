"""The 报送指南 page 在网页上新建报送 says what Gitea and baosong really show.

Gitea's button names are quoted from its zh-CN locale (options/locale/locale_zh-CN.ini ≈1.22 and
locale_zh-CN.json of the newest release; see /work/wt/notes/gitea.md of issue 16): a guide that names a button
Gitea does not have sends a village clerk looking for it.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from baosong.report.formatters import as_markdown, summary_zh

REPO = Path(__file__).resolve().parent.parent
GUIDE_DIR = REPO / "site_config" / "docs" / "guide"
GUIDE = GUIDE_DIR / "web-editor.md"

# zh-CN texts of the Gitea keys the steps use (repo.editor.*, repo.pulls.*)
GITEA_ZH = {
    "repo.editor.create_new_branch": "为此提交创建一个新的分支并发起合并请求。",  # <strong> removed
    "repo.editor.propose_file_change": "提议文件更改",  # 1.21–1.24
    "repo.editor.propose_file_change (newest)": "建议文件更改",
    "repo.editor.commit_changes": "提交变更",
    "repo.editor.add_file": "添加文件",
    "repo.editor.upload_file": "上传文件",
    "repo.pulls.new / repo.pulls.create": "创建合并请求",
}
NOT_IN_GITEA_ZH = ("新建合并请求", "创建新分支并发起合并请求", "发起合并请求”")


def _bold(text: str) -> list[str]:
    return re.findall(r"\*\*(.+?)\*\*", text)


def test_guide_names_gitea_buttons_as_gitea_shows_them():
    text = GUIDE.read_text(encoding="utf-8")
    for key, label in GITEA_ZH.items():
        assert label in text, f"{key}: 指南里应原样写出 Gitea 的按钮文字「{label}」"
    for wrong in NOT_IN_GITEA_ZH:
        assert wrong not in text, f"Gitea 中文界面没有「{wrong}」"
    assert "-patch-" in text and "用户名-patch-数字" in text  # GetUniquePatchBranchName: {user}-patch-{N}


def test_guide_orders_form_first_then_editor_then_the_steps_in_gitea():
    text = GUIDE.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+?)(?: \{#[\w-]+\})?$", text, flags=re.M)
    assert headings[:5] == [
        "办法一：填报助手",
        "办法二：网页编辑器",
        "在 Gitea 里提交",
        "加照片：传到同一个分支",
        "看检查结果",
    ]
    submit = text.split("## 在 Gitea 里提交", 1)[1].split("\n## ", 1)[0]
    assert submit.count("**创建合并请求**") >= 2  # the compare page opens no pull request by itself
    photos = text.split("## 加照片", 1)[1].split("\n## ", 1)[0]
    assert "同一个分支" in photos and "**添加文件** → **上传文件**" in photos and "不要" in photos


def test_guide_anchors_exist():
    text = GUIDE.read_text(encoding="utf-8")
    ids = set(re.findall(r"\{#([\w-]+)\}", text))
    for target in re.findall(r"\]\(#([^)]+)\)", text):
        assert target in ids, f"链接 #{target} 在本页没有对应的标题"


def test_guide_quotes_the_ci_comment_as_baosong_writes_it():
    text = GUIDE.read_text(encoding="utf-8")
    clean = summary_zh({"files": 1, "errors": 0, "warnings": 0})
    failing = summary_zh({"files": 1, "errors": 1, "warnings": 0})
    assert f"`{clean}`" in text and f"`{failing}`" in text
    comment = as_markdown([], 1)
    assert "信息报送检查结果" in comment and "**信息报送检查结果**" in text
    workflow = yaml.safe_load((REPO / ".gitea" / "workflows" / "validate.yml").read_text(encoding="utf-8"))
    assert f"“{workflow['name']}”" in text
    header = "行 | 级别 | 代码 | 字段 | 说明"
    assert header in text


def test_other_guide_pages_agree_with_the_new_path():
    for path in (*GUIDE_DIR.glob("*.md"), REPO / "tools" / "baosong" / "site" / "templates" / "template.md"):
        text = path.read_text(encoding="utf-8")
        for wrong in NOT_IN_GITEA_ZH:
            assert wrong not in text, f"{path.name}: Gitea 中文界面没有「{wrong}」"
    index = (GUIDE_DIR / "index.md").read_text(encoding="utf-8")
    assert "填报助手" in index and "web-editor.md" in index


def _gitea_settings() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("#### Gitea：网页填报需要的服务器设置")
    return readme[start : readme.index("\n### ", start)]


def _ini(section: str, text: str) -> dict[str, str]:
    block = re.search(rf"^\s*\[{re.escape(section)}\]\n(.*?)(?=^\s*\[|^\s*```)", text, flags=re.M | re.S)
    assert block, f"README 的 Gitea 设置里没有 [{section}]"
    pairs = re.findall(r"^\s*([A-Z_]+)\s*=\s*(.*?)\s*$", block.group(1), flags=re.M)
    return dict(pairs)


def test_readme_gitea_settings_fit_the_attachment_rules():
    from baosong.township.attachments import EXPECTED
    from baosong.township.items import MAX_ATTACHMENT_BYTES

    text = _gitea_settings()
    upload = _ini("repository.upload", text)
    limit_mb = MAX_ATTACHMENT_BYTES / 1024 / 1024
    assert upload["ENABLED"] == "true"
    assert int(upload["FILE_MAX_SIZE"]) >= limit_mb  # the check, not Gitea, explains an oversized photo
    assert int(upload["MAX_FILES"]) >= 5
    allowed = set(upload["ALLOWED_TYPES"].split(","))
    assert set(EXPECTED) | {".md"} <= allowed, allowed
    assert _ini("ui", text)["AMBIGUOUS_UNICODE_DETECTION"] == "false"
    assert _ini("session", text)["SAME_SITE"] == "lax"
    body = re.search(r"client_max_body_size\s+(\d+)m;", text)
    assert body and int(body.group(1)) >= int(upload["FILE_MAX_SIZE"])  # nginx's 1 MB default gives 413
    buffers = re.search(r"large_client_header_buffers\s+(\d+)\s+(\d+)k;", text)
    assert buffers and int(buffers.group(2)) > 8  # the default 8k gives 414 on a long link
    for words in ("保护规则", "用户名-patch-1", "创建合并请求", "redirect_to"):
        assert words in text, words


def test_readme_states_the_link_limit_the_form_uses():
    from baosong.site.form import MAX_COOKIE_BYTES

    assert f"不超过 {MAX_COOKIE_BYTES} 字节" in _gitea_settings()
