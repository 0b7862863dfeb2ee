"""Reports over a list of findings: text, json, github, gitlab, markdown. No checking here."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from .catalogue import CATALOGUE
from .findings import Finding
from .severity import ERROR, SEVERITY_ZH


def summary(findings: list[Finding], files: int) -> dict:
    errors = sum(f.severity == ERROR for f in findings)
    return {"files": files, "errors": errors, "warnings": len(findings) - errors}


OFFICE_REVIEW = "本次修改了 submissions/ 以外的文件（C03），必须由党政办审核人审核同意后才能合并。"


def summary_zh(s: dict, office_review: bool = False) -> str:
    """The one-line verdict. ``office_review``: a C03 is present, so no "可以合并" (issue 14)."""
    if not s["errors"] and not s["warnings"]:
        return f"检查了 {s['files']} 个文件，没有发现问题。"
    if s["errors"]:
        verdict = "有错误，不能合并，请按提示修改。" + (OFFICE_REVIEW if office_review else "")
    else:
        verdict = "只有提醒，" + (OFFICE_REVIEW if office_review else "可以合并，请审核人留意。")
    return f"检查了 {s['files']} 个文件：{s['errors']} 个错误，{s['warnings']} 个提醒。{verdict}"


def _summary_line(findings: list[Finding], files: int) -> str:
    return summary_zh(summary(findings, files), any(f.code == "C03" for f in findings))


def _where(f: Finding) -> str:
    return f"{f.path}:{f.line}" if f.line else f.path


def as_text(findings: list[Finding], files: int) -> str:
    lines = []
    for f in findings:
        field = f" [{f.field}]" if f.field else ""
        lines.append(f"{_where(f)}: {SEVERITY_ZH[f.severity]} {f.code}{field} {f.message}")
    lines.append(_summary_line(findings, files))
    return "\n".join(lines)


def as_json(findings: list[Finding], files: int) -> str:
    data = {"findings": [f.as_dict() for f in findings], "summary": summary(findings, files)}
    return json.dumps(data, ensure_ascii=False, indent=2)


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def as_github(findings: list[Finding], files: int) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    lines = []
    for f in findings:
        props = [f"file={_gh_escape(f.path, True)}"]
        if f.line:
            props.append(f"line={f.line}")
        props.append(f"title={_gh_escape(f.code + ' ' + CATALOGUE[f.code].title, True)}")
        level = "error" if f.severity == ERROR else "warning"
        lines.append(f"::{level} {','.join(props)}::{_gh_escape(f.message)}")
    lines.append(_summary_line(findings, files))
    return "\n".join(lines)


def as_gitlab(findings: list[Finding], files: int) -> str:
    """GitLab Code Quality report (a JSON array)."""
    out = []
    for f in findings:
        digest = hashlib.sha256(f"{f.path}|{f.line}|{f.code}|{f.field}|{f.message}".encode()).hexdigest()
        out.append(
            {
                "description": f"{f.code} {f.message}",
                "check_name": f.code,
                "fingerprint": digest,
                "severity": "major" if f.severity == ERROR else "minor",
                "location": {"path": f.path, "lines": {"begin": f.line or 1}},
            }
        )
    return json.dumps(out, ensure_ascii=False, indent=2)


def _md_cell(text: str) -> str:
    # Findings echo what reporters typed: neutralise table pipes, HTML and mentions in a PR comment.
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("@", "@\u200b")
        .replace("\n", " ")
    )


def as_markdown(findings: list[Finding], files: int) -> str:
    """A pull-request comment: verdict first, then a table per file."""
    s = summary(findings, files)
    icon = "❌" if s["errors"] else ("⚠️" if s["warnings"] else "✅")
    out = ["<!-- baosong-report -->", f"## {icon} 信息报送检查结果", "", _summary_line(findings, files), ""]
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    for path, group in by_path.items():
        out += [f"### `{_md_cell(path)}`", "", "| 行 | 级别 | 代码 | 字段 | 说明 |", "|---|---|---|---|---|"]
        for f in group:
            out.append(
                f"| {f.line or ''} | {SEVERITY_ZH[f.severity]} | {f.code} | {_md_cell(f.field or '')} | {_md_cell(f.message)} |"
            )
        out.append("")
    if findings:
        counts = Counter(f.code for f in findings)
        out.append(
            "代码说明："
            + "；".join(f"{c} {CATALOGUE[c].title}" for c in sorted(counts))
            + "。详见网站“错误代码说明”页。"
        )
    return "\n".join(out)


def with_notes(fmt: str, report: str, notes: list[str]) -> str | None:
    """The report with the run's notes (e.g. "提交人不明") where the format can carry them; None: it cannot
    (json and gitlab have a fixed shape, the caller prints the notes to stderr)."""
    if not notes:
        return report
    if fmt == "text":
        return "\n".join([*notes, report])
    if fmt == "github":
        return "\n".join([*(f"::warning title=信息报送检查::{_gh_escape(n)}" for n in notes), report])
    if fmt == "markdown":
        head, _, rest = report.partition("\n\n")
        return "\n\n".join([head, *(f"> ⚠️ {_md_cell(n)}" for n in notes), rest])
    return None


FORMATS = {"text": as_text, "json": as_json, "github": as_github, "gitlab": as_gitlab, "markdown": as_markdown}
