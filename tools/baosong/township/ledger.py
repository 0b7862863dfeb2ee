"""office/adoptions/*.yaml and office/requests/*.yaml: the office's ledgers (A01 when malformed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..report.findings import Finding, make
from . import yamlstrict
from .dates import parse_date
from .items import ITEM_SUFFIX, SUBMISSIONS

ADOPTIONS_DIR = "office/adoptions"
REQUESTS_DIR = "office/requests"


@dataclass(frozen=True)
class Instruction:
    by: str
    text: str


@dataclass(frozen=True)
class Adoption:
    id: str
    level: str
    date: date
    outlet: str | None = None
    instruction: Instruction | None = None
    path: str = ""
    line: int | None = None


@dataclass(frozen=True)
class Request:
    id: str
    title: str
    issued: date
    due: date
    units: tuple[str, ...] | None = None  # None = all units
    path: str = ""
    line: int | None = None

    def addressed_to(self, unit_id: str) -> bool:
        return self.units is None or unit_id in self.units


@dataclass
class Ledger:
    adoptions: list[Adoption] = field(default_factory=list)
    requests: dict[str, Request] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def _entries(root: Path, folder: str, findings: list[Finding]):
    """(path, entry node) for every entry of every YAML file in ``folder``."""
    base = Path(root) / folder
    if not base.is_dir():
        return
    for path in sorted(base.glob("*.yml")):  # would be silently skipped: the office must hear of it
        findings.append(
            make("A01", f"{folder}/{path.name}", None, variant="file", detail="台账文件的扩展名应为 .yaml，请改名")
        )
    for path in sorted(base.glob("*.yaml")):
        rel = f"{folder}/{path.name}"
        if path.is_symlink() or not path.is_file():
            findings.append(make("A01", rel, None, variant="file", detail="台账必须是普通文件，不能是符号链接"))
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            findings.append(make("A01", rel, 1, detail="台账不是 UTF-8 编码，请另存为 UTF-8"))
            continue
        parsed = yamlstrict.parse(text)
        for problem in parsed.problems:
            findings.append(
                make("A01", rel, problem.line, detail=f"YAML 格式错误（{yamlstrict.explain(problem.detail)}）")
            )
        if parsed.fatal or parsed.root is None:
            continue
        if not isinstance(parsed.root.value, list):
            findings.append(make("A01", rel, parsed.root.line, detail="台账应是记录列表，每条以“- ”开头"))
            continue
        for node in parsed.root.value:
            if not isinstance(node.value, dict):
                findings.append(make("A01", rel, node.line, detail="每条记录应写成“字段: 值”的形式"))
                continue
            yield rel, node


def _text(node, key):
    child = node.value.get(key)
    if child is not None and isinstance(child.value, str) and child.value.strip():
        return child.value.strip()
    return None


def _unknown_keys(rel, node, allowed, findings):
    for key in node.value:
        if key not in allowed:
            findings.append(
                make(
                    "A01",
                    rel,
                    node.key_lines.get(key, node.line),
                    detail=f"不认识的字段“{key}”（允许：{'、'.join(allowed)}）",
                )
            )


def _report(rel, node, problems, what, findings):
    """One A01 per problem, on the line of the field it concerns (the entry's line when the field is absent)."""
    for key, problem in problems:
        findings.append(make("A01", rel, node.key_lines.get(key, node.line), detail=f"{what}：{problem}"))


def _item_ref(value: str | None) -> str | None:
    """An item id as people paste it: ``submissions/`` and ``.md`` are tolerated, as in ``follows``."""
    if value is None:
        return None
    return value.removeprefix(SUBMISSIONS + "/").removesuffix(ITEM_SUFFIX)


def load_requests(root: Path, findings: list[Finding], unit_ids=None) -> dict[str, Request]:
    out: dict[str, Request] = {}
    allowed = ("id", "title", "issued", "due", "units")
    for rel, node in _entries(root, REQUESTS_DIR, findings):
        _unknown_keys(rel, node, allowed, findings)
        rid, title = _text(node, "id"), _text(node, "title")
        issued, due = parse_date(_text(node, "issued")), parse_date(_text(node, "due"))
        problems = [(k, f"缺少“{k}”") for k, v in (("id", rid), ("title", title)) if v is None]
        problems += [(k, f"“{k}”应是 YYYY-MM-DD 日期") for k, v in (("issued", issued), ("due", due)) if v is None]
        if issued and due and due < issued:
            problems.append(("due", "截止日期 due 早于下发日期 issued"))
        units = None
        units_node = node.value.get("units")
        if units_node is not None and units_node.value != "all":
            if isinstance(units_node.value, list) and all(isinstance(u.value, str) for u in units_node.value):
                units = tuple(u.value for u in units_node.value)
                unknown = [u for u in units if unit_ids is not None and u not in unit_ids]
                if unknown:
                    problems.append(("units", f"units 中的单位代号未登记：{'、'.join(unknown)}"))
            else:
                problems.append(("units", "units 应为 all 或单位代号列表"))
        if rid in out:
            problems.append(("id", f"约稿编号“{rid}”重复"))
        _report(rel, node, problems, "约稿记录", findings)
        if problems:
            continue
        out[rid] = Request(rid, title, issued, due, units, rel, node.line)
    return out


def load_adoptions(root: Path, findings: list[Finding], levels, item_ids=None) -> list[Adoption]:
    out: list[Adoption] = []
    seen: set[tuple[str, str]] = set()
    allowed = ("id", "level", "date", "outlet", "instruction")
    for rel, node in _entries(root, ADOPTIONS_DIR, findings):
        _unknown_keys(rel, node, allowed, findings)
        aid, level, day = _item_ref(_text(node, "id")), _text(node, "level"), parse_date(_text(node, "date"))
        problems = []
        if aid is None:
            problems.append(("id", "缺少“id”（被采用信息的编号）"))
        elif item_ids is not None and aid not in item_ids:
            problems.append(("id", f"信息“{aid}”不存在：请写 单位代号/年份/文件名（不含 .md）"))
        if level not in levels:
            problems.append(("level", f"采用级别“{level or ''}”无效，可选：{'、'.join(levels)}"))
        if day is None:
            problems.append(("date", "“date”应是 YYYY-MM-DD 日期"))
        elif aid and (sent := _name_date(aid)) and day < sent:
            problems.append(("date", f"采用日期 {day} 早于信息的报送日期 {sent}：请检查日期"))
        if aid and level and (aid, level) in seen:
            problems.append(("level", f"信息“{aid}”的“{level}”已经登记过：请删除重复的记录"))
        instruction = None
        inode = node.value.get("instruction")
        if inode is not None:
            by, text = (_text(inode, "by"), _text(inode, "text")) if isinstance(inode.value, dict) else (None, None)
            if by is None or text is None:
                problems.append(("instruction", "instruction（领导批示）应写成 {by: 批示领导, text: 批示内容}"))
            else:
                instruction = Instruction(by, text)
        outlet_node = node.value.get("outlet")
        if outlet_node is not None and _text(node, "outlet") is None:
            problems.append(("outlet", "outlet（刊发刊物）应是一行文字"))
        _report(rel, node, problems, "采用记录", findings)
        if problems:
            continue
        seen.add((aid, level))
        out.append(Adoption(aid, level, day, _text(node, "outlet"), instruction, rel, node.line))
    return out


def _name_date(aid: str):
    """The date in an item id's file name (``u/2026/2026-11-25-x`` → 2026-11-25), or None."""
    return parse_date(aid.rsplit("/", 1)[-1][:10])


def load_ledger(root: Path, levels, item_ids=None, unit_ids=None) -> Ledger:
    findings: list[Finding] = []
    requests = load_requests(root, findings, unit_ids)
    adoptions = load_adoptions(root, findings, levels, item_ids)
    return Ledger(adoptions, requests, findings)
