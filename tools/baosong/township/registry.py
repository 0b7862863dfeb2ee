"""units.yaml: the township, its office, its units and their people (with history)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..report.findings import Finding, make
from . import yamlstrict
from .dates import DEFAULT_TZ, parse_date

UNITS_FILE = "units.yaml"
UNIT_ID = re.compile(r"[a-z0-9-]{2,40}")
UNIT_KINDS = ("行政村", "机关单位")
FORGE_KINDS = ("gitea", "github", "gitlab")
TOP_KEYS = ("township", "timezone", "office", "units")
OFFICE_KEYS = ("name", "reviewers", "issuer", "doc_prefix", "cc", "forge")
MAX_ISSUER, MAX_PREFIX, MAX_CC = 40, 20, 20  # characters / entries: a masthead line, a 机关代字, a 版记
BAD_PAPER_CHARS = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff〔〕\[\]()，,、。；;：:]")
UNIT_KEYS = ("id", "name", "kind", "reviewers", "reporters")


@dataclass(frozen=True)
class Person:
    name: str
    git: str | None = None
    title: str | None = None
    phone: str | None = None
    since: date | None = None
    until: date | None = None

    def active_on(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)

    def overlaps(self, other: Person) -> bool:
        start = max(self.since or date.min, other.since or date.min)
        end = min(self.until or date.max, other.until or date.max)
        return start <= end


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    kind: str
    reviewers: tuple[Person, ...] = ()
    reporters: tuple[Person, ...] = ()

    def reporters_on(self, day: date) -> list[Person]:
        return [p for p in self.reporters if p.active_on(day)]

    def reviewers_on(self, day: date) -> list[Person]:
        return [p for p in self.reviewers if p.active_on(day)]


@dataclass(frozen=True)
class Forge:
    kind: str
    url: str
    branch: str = "main"


@dataclass(frozen=True)
class Office:
    """``office`` of units.yaml (SPEC §2.1).

    ``issuer`` is the circular's 发文机关标志 and 署名 (GB/T 9704-2012 7.2.4, 7.3.5), ``doc_prefix`` the
    机关代字 of its 发文字号 (7.2.5: 勐政办通 → 勐政办通〔2026〕12号), ``cc`` the 抄送机关 of its 版记 (7.4.2)
    and the 报/送 lines of bulletins. All three are optional.
    """

    name: str = "党政办"
    reviewers: tuple[Person, ...] = ()
    forge: Forge | None = None
    issuer: str | None = None
    doc_prefix: str | None = None
    cc: tuple[str, ...] = ()

    def issuer_for(self, township: str) -> str:
        """The 发文机关: ``issuer``, else the township's government office, else the office's name."""
        return self.issuer or (f"{township}人民政府办公室" if township else self.name)

    def is_reviewer(self, git_user: str | None) -> bool:
        return bool(git_user) and any(p.git == git_user for p in self.reviewers)


@dataclass(frozen=True)
class Registry:
    township: str
    timezone: str
    office: Office
    units: dict[str, Unit] = field(default_factory=dict)

    def unit_name(self, unit_id: str) -> str:
        unit = self.units.get(unit_id)
        return unit.name if unit else unit_id


@dataclass
class RegistryLoad:
    registry: Registry | None
    findings: list[Finding]
    missing: bool = False


class _Reader:
    """Turns the strict YAML tree into data classes, collecting U01 findings with lines."""

    def __init__(self):
        self.findings: list[Finding] = []

    def bad(self, line, detail):
        self.findings.append(make("U01", UNITS_FILE, line, detail=f"units.yaml 第 {line} 行：{detail}"))

    def text(self, node, key, line, required=True, default=None):
        child = node.value.get(key) if isinstance(node.value, dict) else None
        if child is None:
            if required:
                self.bad(line, f"缺少“{key}”，请补上")
            return default
        if not isinstance(child.value, str) or not child.value.strip():
            self.bad(child.line, f"“{key}”应是一行文字")
            return default
        return child.value.strip()

    def day(self, node, key):
        child = node.value.get(key)
        if child is None:
            return None
        value = parse_date(child.value) if isinstance(child.value, str) else None
        if value is None:
            self.bad(child.line, f"“{key}”应是 YYYY-MM-DD 格式的日期")
        return value

    def mapping(self, node, what) -> bool:
        if not isinstance(node.value, dict):
            self.bad(node.line, f"{what}应写成“字段: 值”的形式")
            return False
        return True

    def people(self, parent, key) -> tuple[Person, ...]:
        node = parent.value.get(key)
        if node is None:
            return ()
        if not isinstance(node.value, list):
            self.bad(node.line, f"“{key}”应是人员列表，每人一行：- {{name: 姓名, git: 账号, since: 2026-01-01}}")
            return ()
        people = []
        for entry in node.value:
            if not self.mapping(entry, "人员"):
                continue
            for extra in set(entry.value) - {"name", "git", "title", "phone", "since", "until"}:
                self.bad(
                    entry.key_lines[extra], f"人员不允许字段“{extra}”（允许 name、git、title、phone、since、until）"
                )
            name = self.text(entry, "name", entry.line)
            if name is None:
                continue
            person = Person(
                name=name,
                git=self.text(entry, "git", entry.line, required=False),
                title=self.text(entry, "title", entry.line, required=False),
                phone=self.text(entry, "phone", entry.line, required=False),
                since=self.day(entry, "since"),
                until=self.day(entry, "until"),
            )
            if person.since and person.until and person.until < person.since:
                self.bad(entry.line, f"{name} 的 until 早于 since")
            people.append(person)
        return tuple(people)

    def forge(self, office) -> Forge | None:
        node = office.value.get("forge")
        if node is None or not self.mapping(node, "forge"):
            return None
        kind = self.text(node, "kind", node.line)
        url = self.text(node, "url", node.line)
        branch = self.text(node, "branch", node.line, required=False, default="main")
        if kind not in FORGE_KINDS:
            self.bad(node.line, f"forge.kind 应为 {' / '.join(FORGE_KINDS)}")
            return None
        if not url or not re.match(r"https?://[^\s\"'<>]+$", url):
            self.bad(node.line, "forge.url 应是 http:// 或 https:// 开头的仓库地址")
            return None
        return Forge(kind, url.rstrip("/"), branch)

    def paper_text(self, node, key, limit) -> str | None:
        """An optional one-line name printed on paper (issuer, doc_prefix): no brackets, separators or
        invisible characters, at most ``limit`` characters."""
        child = node.value.get(key)
        if child is None:
            return None
        value = self.text(node, key, node.line, required=False)
        if value is None:
            return None
        bad = BAD_PAPER_CHARS.search(value)
        if bad:
            self.bad(
                child.line, f"office.{key} 里不能有“{_char_name(bad.group())}”：只写名称本身，如 {OFFICE_EXAMPLES[key]}"
            )
            return None
        if len(value) > limit:
            self.bad(child.line, f"office.{key} 太长（{len(value)} 字，最多 {limit} 字），如 {OFFICE_EXAMPLES[key]}")
            return None
        return value

    def cc(self, node) -> tuple[str, ...]:
        """``cc: [县委办, 县政府办]``: a list of organ names (抄送机关), each one line."""
        child = node.value.get("cc")
        if child is None:
            return ()
        example = "cc: [县委办, 县政府办]"
        if not isinstance(child.value, list) or not child.value:
            self.bad(child.line, f"office.cc 应是抄送机关的列表，如 {example}")
            return ()
        names = []
        for entry in child.value:
            value = entry.value.strip() if isinstance(entry.value, str) else None
            bad = BAD_PAPER_CHARS.search(value) if value else None
            if not value or bad or len(value) > MAX_ISSUER:
                why = f"不能有“{_char_name(bad.group())}”" if bad else "应是一个机关名称"
                self.bad(entry.line, f"office.cc 的每一项{why}（每项一个机关，不加标点），如 {example}")
                continue
            if value not in names:
                names.append(value)
        if len(names) > MAX_CC:
            self.bad(child.line, f"office.cc 最多 {MAX_CC} 个机关")
            return ()
        return tuple(names)

    def unknown_keys(self, node, allowed, what):
        """A misspelt key (``reporter:`` for ``reporters:``) would silently drop data: say so."""
        for key in node.value:
            if key not in allowed:
                self.bad(node.key_lines.get(key, node.line), f"{what}不允许字段“{key}”（允许 {'、'.join(allowed)}）")

    def unit(self, node) -> Unit | None:
        if not self.mapping(node, "单位"):
            return None
        self.unknown_keys(node, UNIT_KEYS, "单位")
        uid = self.text(node, "id", node.line)
        name = self.text(node, "name", node.line)
        kind = self.text(node, "kind", node.line)
        if uid is None or name is None:
            return None
        if not UNIT_ID.fullmatch(uid):
            self.bad(node.value["id"].line, f"单位代号“{uid}”不对：只能用 2–40 个小写字母、数字或减号")
            return None
        if kind not in UNIT_KINDS:
            self.bad(node.key_lines.get("kind", node.line), f"单位“{name}”的 kind 应为 {' 或 '.join(UNIT_KINDS)}")
            kind = kind or UNIT_KINDS[1]
        return Unit(uid, name, kind, self.people(node, "reviewers"), self.people(node, "reporters"))


def load_registry(root: Path) -> RegistryLoad:
    path = Path(root) / UNITS_FILE
    if not path.is_file() or path.is_symlink():
        return RegistryLoad(None, [make("U01", UNITS_FILE, None, variant="missing")], missing=True)
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        return RegistryLoad(None, [make("U01", UNITS_FILE, None, detail="units.yaml 不是 UTF-8 编码：请另存为 UTF-8")])
    parsed = yamlstrict.parse(text)
    reader = _Reader()
    for problem in parsed.problems:
        reader.bad(problem.line, yaml_problem_zh(problem))
    root_node = parsed.root
    if root_node is None and not parsed.fatal:
        reader.bad(1, "文件是空的：请按报送指南填写乡镇、党政办和单位列表")
    if parsed.fatal or root_node is None or not reader.mapping(root_node, "units.yaml"):
        return RegistryLoad(None, reader.findings)
    reader.unknown_keys(root_node, TOP_KEYS, "units.yaml")

    township = reader.text(root_node, "township", 1, default="")
    tz = reader.text(root_node, "timezone", 1, required=False, default=DEFAULT_TZ)
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        reader.bad(root_node.key_lines.get("timezone", 1), f"时区“{tz}”无效，按 {DEFAULT_TZ} 计算")
        tz = DEFAULT_TZ

    office = Office()
    office_node = root_node.value.get("office")
    if office_node is None:
        reader.bad(1, "缺少“office”（党政办及其审核人）")
    elif reader.mapping(office_node, "office"):
        reader.unknown_keys(office_node, OFFICE_KEYS, "office")
        office = Office(
            name=reader.text(office_node, "name", office_node.line, default="党政办"),
            reviewers=reader.people(office_node, "reviewers"),
            forge=reader.forge(office_node),
            issuer=reader.paper_text(office_node, "issuer", MAX_ISSUER),
            doc_prefix=reader.paper_text(office_node, "doc_prefix", MAX_PREFIX),
            cc=reader.cc(office_node),
        )

    units: dict[str, Unit] = {}
    units_node = root_node.value.get("units")
    if units_node is None or not isinstance(units_node.value, list):
        reader.bad(units_node.line if units_node else 1, "缺少单位列表“units”，或它不是列表")
    else:
        if not units_node.value:
            reader.bad(units_node.line, "单位列表“units”是空的：请至少登记一个单位")
        for node in units_node.value:
            unit = reader.unit(node)
            if unit is None:
                continue
            if unit.id in units:
                reader.findings.append(make("U03", UNITS_FILE, node.line, variant="unit", value=unit.id))
                continue
            units[unit.id] = unit
    registry = Registry(township, tz, office, units)
    return RegistryLoad(registry, reader.findings)


OFFICE_EXAMPLES = {"issuer": "issuer: 勐往乡人民政府办公室", "doc_prefix": "doc_prefix: 勐政办通"}


def _char_name(ch: str) -> str:
    """A character as a clerk can find it: invisible ones by their Unicode name."""
    import unicodedata

    if ch.isprintable() and not ch.isspace() and unicodedata.category(ch) != "Cf":
        return ch
    return f"{unicodedata.name(ch, '控制字符')}（U+{ord(ch):04X}）"


def yaml_problem_zh(problem: yamlstrict.YamlProblem) -> str:
    what = {"alias": "别名（*）", "anchor": "锚点（&）", "tag": "标签（!）"}
    if problem.kind == "refused":
        return f"不允许使用 YAML {what.get(problem.detail, problem.detail)}，请把值直接写出来"
    if problem.kind == "duplicate":
        return f"“{problem.detail}”重复出现，请删除多余的一行"
    if problem.kind == "key":
        return "字段名必须是一段文字"
    return f"格式错误（{yamlstrict.explain(problem.detail)}）：请检查缩进和冒号"
