"""site_config/rules.yaml: the township's reporting rules, with the notice's defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..report.findings import Finding, make
from ..report.severity import ERROR, WARNING
from ..scan.labels import DEFAULT_LABELS
from . import yamlstrict

RULES_FILE = "site_config/rules.yaml"

DEFAULT_TYPES = {
    "动态": 0,
    "会议": 0,
    "事件": 0,
    "新闻": 0,
    "突发事件": 0,
    "文件": 3,
    "报告": 3,
    "总结": 5,
    "经验": 5,
    "调研": 5,
    "问题": 5,
    "其他": 5,
}
DEFAULT_CATEGORIES = [
    "决策落实",
    "部署落实",
    "发展建设",
    "民生保障",
    "监督检查",
    "社情民意",
    "调研视察",
    "合作交流",
    "成果荣誉",
    "应急管理",
    "其他",
]
# What each of the notice's eleven categories (信息采集范围) covers, in a line (the 填报 page shows it).
CATEGORY_NOTES = {
    "决策落实": "贯彻落实上级和乡党委、政府重大决策的做法和成效",
    "部署落实": "落实上级部署的工作任务、会议精神的进展和做法",
    "发展建设": "产业发展、项目建设、基础设施、招商引资、集体经济",
    "民生保障": "就业、教育、医疗、社保、救助、住房等民生工作",
    "监督检查": "督查检查、安全生产和环境检查、执纪问责",
    "社情民意": "群众关心的热点难点问题和意见建议",
    "调研视察": "领导调研、视察和检查指导工作",
    "合作交流": "与其他地方、单位的合作、交流和学习考察",
    "成果荣誉": "工作取得的成果，获得的表彰和荣誉",
    "应急管理": "突发事件、防灾减灾、应急处置和救援",
    "其他": "不属于以上各类的信息",
}
UNSUITABLE_MSG = "unsuitable"
SECRET_MSG = "secret"
DEFAULT_REFUSED = {
    "不宜公开": UNSUITABLE_MSG,
    "涉密": SECRET_MSG,
    "秘密": SECRET_MSG,
    "机密": SECRET_MSG,
    "绝密": SECRET_MSG,
}
DEFAULT_LEVELS = {"乡采用": 2, "报送县": 1, "县采用": 5, "市采用": 10, "省采用": 20, "国家采用": 40}
SCANNERS = ("S02", "S03", "S04", "S05", "S06", "S07", "S08")
OFF = "off"


@dataclass(frozen=True)
class Word:
    word: str
    severity: str = WARNING
    advice: str = "请确认是否适合报送"


@dataclass(frozen=True)
class ScanConfig:
    severity: dict[str, str] = field(default_factory=dict)  # code → error | warning | off
    words: tuple[Word, ...] = ()
    allow: tuple[str, ...] = ()
    # kind → words that say what a number is (scan/labels.py); rules.yaml ``scan.labels`` replaces a kind's list
    labels: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_LABELS))

    def level(self, code: str, default: str) -> str:
        return self.severity.get(code, default)


@dataclass(frozen=True)
class Scoring:
    item: int = 1
    levels: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_LEVELS))
    instruction: int = 10
    request: int = 2


@dataclass(frozen=True)
class Rules:
    types: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_TYPES))
    research_types: tuple[str, ...] = ("调研",)
    categories: tuple[str, ...] = tuple(DEFAULT_CATEGORIES)
    weekly: int = 1
    yearly_research: int = 1
    allowed_sensitivity: tuple[str, ...] = ("公开", "内部")
    refused_sensitivity: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_REFUSED))
    levels: tuple[str, ...] = tuple(DEFAULT_LEVELS)
    scoring: Scoring = field(default_factory=Scoring)
    scan: ScanConfig = field(default_factory=ScanConfig)

    def deadline(self, type_name: str) -> int | None:
        return self.types.get(type_name)

    def category_note(self, name: str) -> str:
        """A line on what category ``name`` covers: the notice's eleven have one (``CATEGORY_NOTES``), others ""."""
        return CATEGORY_NOTES.get(name, "")

    def choices(self) -> dict[str, tuple[str, ...]]:
        """Front-matter key → the values it may take (M03; ``fix`` and ``new`` check against the same)."""
        return {"type": tuple(self.types), "category": self.categories, "sensitivity": self.allowed_sensitivity}


@dataclass
class RulesLoad:
    rules: Rules
    findings: list[Finding]


class _Reader:
    def __init__(self):
        self.findings: list[Finding] = []

    def bad(self, line, detail):
        self.findings.append(
            make("R01", RULES_FILE, line, detail=f"rules.yaml 第 {line} 行：{detail}，该项按默认值执行")
        )

    def integer(self, node, what) -> int | None:
        if isinstance(node.value, str) and node.value.strip().isdigit():
            return int(node.value)
        self.bad(node.line, f"{what}应是非负整数")
        return None

    def strings(self, node, what, allow_empty: bool = False) -> tuple[str, ...] | None:
        values = node.value
        if (
            isinstance(values, list)
            and (values or allow_empty)
            and all(isinstance(n.value, str) and n.value.strip() for n in values)
        ):
            return tuple(n.value.strip() for n in values)
        self.bad(node.line, f"{what}应是{'' if allow_empty else '非空的'}文字列表")
        return None

    def int_map(self, node, what) -> dict[str, int] | None:
        if not isinstance(node.value, dict) or not node.value:
            self.bad(node.line, f"{what}应写成“名称: 数字”的形式")
            return None
        out = {}
        for key, child in node.value.items():
            value = self.integer(child, f"{what}“{key}”")
            if value is None:
                return None
            out[key] = value
        return out


def load_rules(root: Path) -> RulesLoad:
    path = Path(root) / RULES_FILE
    if not path.is_file() or path.is_symlink():
        return RulesLoad(Rules(), [])
    reader = _Reader()
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        reader.bad(1, "文件不是 UTF-8 编码")
        return RulesLoad(Rules(), reader.findings)
    parsed = yamlstrict.parse(text)
    for problem in parsed.problems:
        reader.bad(problem.line, f"YAML 问题（{yamlstrict.explain(problem.detail)}）")
    node = parsed.root
    if parsed.fatal or node is None:
        return RulesLoad(Rules(), reader.findings)
    if not isinstance(node.value, dict):
        reader.bad(node.line, "应写成“字段: 值”的形式")
        return RulesLoad(Rules(), reader.findings)
    return RulesLoad(_build(node.value, reader), reader.findings)


def _build(top: dict, r: _Reader) -> Rules:
    values: dict = {}
    known = {"types", "research_types", "categories", "quota", "sensitivity", "levels", "scoring", "scan"}
    for key in set(top) - known:
        r.bad(top[key].line, f"不认识的配置项“{key}”")
    if "types" in top and (types := r.int_map(top["types"], "types")):
        values["types"] = types
    if "research_types" in top and (rt := r.strings(top["research_types"], "research_types")):
        values["research_types"] = rt
    if "categories" in top and (cats := r.strings(top["categories"], "categories")):
        values["categories"] = cats
    if "quota" in top and (quota := r.int_map(top["quota"], "quota")):
        values["weekly"] = quota.get("weekly", 1)
        values["yearly_research"] = quota.get("yearly_research", 1)
    if "sensitivity" in top:
        _sensitivity(top["sensitivity"], r, values)
    if "levels" in top and (levels := r.strings(top["levels"], "levels")):
        values["levels"] = levels
    if "scoring" in top:
        values["scoring"] = _scoring(top["scoring"], r)
    if "scan" in top:
        values["scan"] = _scan(top["scan"], r)
    rules = Rules(**values)
    unknown_research = set(rules.research_types) - set(rules.types)
    if unknown_research:
        r.bad(top["research_types"].line, f"research_types 中的“{'、'.join(sorted(unknown_research))}”不在 types 里")
    return rules


def _sensitivity(node, r: _Reader, values: dict) -> None:
    if not isinstance(node.value, dict):
        r.bad(node.line, "sensitivity 应包含 allowed 和 refused")
        return
    if "allowed" in node.value and (allowed := r.strings(node.value["allowed"], "sensitivity.allowed")):
        values["allowed_sensitivity"] = allowed
    refused = node.value.get("refused")
    if refused is None:
        return
    if not isinstance(refused.value, dict):
        r.bad(refused.line, "sensitivity.refused 应写成“级别: unsuitable 或 secret”")
        return
    out = {}
    for level, child in refused.value.items():
        if child.value not in (UNSUITABLE_MSG, SECRET_MSG):
            r.bad(
                child.line,
                f"sensitivity.refused 的“{level}”应为 unsuitable（纸质件加U盘报送）或 secret（按保密规定办理）",
            )
            continue
        out[level] = child.value
    values["refused_sensitivity"] = out


def _scoring(node, r: _Reader) -> Scoring:
    if not isinstance(node.value, dict):
        r.bad(node.line, "scoring 应写成“项目: 分值”的形式")
        return Scoring()
    values = {}
    for key in ("item", "instruction", "request"):
        if key in node.value and (v := r.integer(node.value[key], f"scoring.{key}")) is not None:
            values[key] = v
    if "levels" in node.value and (levels := r.int_map(node.value["levels"], "scoring.levels")):
        values["levels"] = levels
    return Scoring(**values)


def _scan(node, r: _Reader) -> ScanConfig:
    if not isinstance(node.value, dict):
        r.bad(node.line, "scan 应包含 scanners、words、allow、labels")
        return ScanConfig()
    severity = {}
    scanners = node.value.get("scanners")
    if scanners is not None:
        if isinstance(scanners.value, dict):
            for code, child in scanners.value.items():
                if code not in SCANNERS or child.value not in (ERROR, WARNING, OFF):
                    r.bad(
                        child.line,
                        f"scan.scanners 的“{code}: {child.plain()}”无效（扫描代码 {'、'.join(SCANNERS)}，取值 error、warning 或 off）",
                    )
                    continue
                severity[code] = child.value
        else:
            r.bad(scanners.line, "scan.scanners 应写成“代码: error / warning / off”")
    words = []
    words_node = node.value.get("words")
    if words_node is not None:
        if isinstance(words_node.value, list):
            for entry in words_node.value:
                if isinstance(entry.value, str) and entry.value.strip():
                    words.append(Word(entry.value.strip()))
                elif isinstance(entry.value, dict) and isinstance(
                    entry.value.get("word") and entry.value["word"].value, str
                ):
                    sev = entry.value.get("severity")
                    sev = sev.value if sev is not None else WARNING
                    if sev not in (ERROR, WARNING):
                        r.bad(entry.line, "scan.words 的 severity 应为 error 或 warning")
                        sev = WARNING
                    advice = entry.value.get("advice")
                    words.append(
                        Word(
                            entry.value["word"].value.strip(),
                            sev,
                            advice.value if advice is not None and isinstance(advice.value, str) else Word.advice,
                        )
                    )
                else:
                    r.bad(entry.line, "scan.words 的每一项应为 {word: 词语, severity: warning, advice: 提示}")
        else:
            r.bad(words_node.line, "scan.words 应是列表")
    allow = ()
    if "allow" in node.value and (a := r.strings(node.value["allow"], "scan.allow", allow_empty=True)):
        allow = a
    labels = _labels(node.value["labels"], r) if "labels" in node.value else dict(DEFAULT_LABELS)
    return ScanConfig(severity, tuple(words), allow, labels)


def _labels(node, r: _Reader) -> dict[str, tuple[str, ...]]:
    """``scan.labels``: kind → list of words; a kind given replaces its default list, the others stay."""
    labels = dict(DEFAULT_LABELS)
    if not isinstance(node.value, dict):
        r.bad(node.line, f"scan.labels 应写成“种类: [词语, …]”（种类 {'、'.join(DEFAULT_LABELS)}）")
        return labels
    for kind, child in node.value.items():
        if kind not in DEFAULT_LABELS:
            r.bad(child.line, f"scan.labels 里不认识的种类“{kind}”（可用 {'、'.join(DEFAULT_LABELS)}）")
        elif (words := r.strings(child, f"scan.labels.{kind}", allow_empty=True)) is not None:
            labels[kind] = words
    return labels
