"""``baosong sample``: a deterministic synthetic township repository for demos and benchmarks.

Items are valid (no errors) and read like 政务信息: sentences are drawn from phrase banks per topic,
so search, statistics and the site see realistic length and vocabulary. The git history is
written with one ``git fast-import`` stream (a commit per week), which takes seconds at 20,000 items.
"""

from __future__ import annotations

import random
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from ..township.rules import DEFAULT_CATEGORIES, DEFAULT_LEVELS
from ..township.template import yaml_value
from .new import slug_for

SURNAMES = "李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文俸罕字鲍"
GIVEN = "春华国建明玉兰文军志强永芳正荣光海燕红梅晓琴丽娟德胜佳怡宏伟晓东立新秀英桂香家林云峰小平金凤学军兴旺庆华卫东"
VILLAGE_SYLLABLES = "勐坝糯南河东西那帕邦班芒允曼回龙岩丙坡户大小新旧上下"
AGENCIES = [
    "农业农村综合服务中心",
    "社会保障服务中心",
    "文化和旅游服务中心",
    "林业和草原服务中心",
    "财政所",
    "司法所",
    "自然资源所",
    "卫生院",
    "中心学校",
    "派出所",
    "市场监督管理所",
    "应急管理办公室",
    "退役军人服务站",
    "村镇规划建设服务中心",
    "综合行政执法队",
    "党建工作办公室",
]
TOPICS = {
    "防汛": (
        "应急管理",
        [
            "排查地质灾害隐患点{n}处",
            "转移受威胁群众{n}户{m}人",
            "组织防汛应急演练，参演群众{m}人",
            "落实监测员{n}名，实行24小时值班",
            "储备编织袋{m}条、救生衣{n}件",
        ],
    ),
    "森林防火": (
        "部署落实",
        [
            "组织护林员{n}名开展巡山",
            "清理林下可燃物{m}亩",
            "签订防火责任书{m}份",
            "开展野外用火专项检查{n}次",
            "设置防火检查站{n}个",
        ],
    ),
    "茶产业": (
        "发展建设",
        [
            "新植茶园{m}亩",
            "开展茶叶初制所标准化改造{n}家",
            "培训茶农{m}人次",
            "春茶收购均价每公斤{n}元",
            "带动茶农户均增收{m}元",
        ],
    ),
    "医保缴费": ("民生保障", ["城乡居民医保参保{m}人", "参保率达{p}%", "入户宣传{m}户", "为困难群众代缴保费{n}万元"]),
    "人居环境": ("部署落实", ["清理垃圾{m}吨", "整治房前屋后{m}户", "新建公厕{n}座", "评选美丽庭院{n}户"]),
    "就业培训": ("民生保障", ["举办技能培训{n}期", "培训群众{m}人次", "组织劳务输出{m}人", "发放务工补贴{n}万元"]),
    "乡村旅游": ("发展建设", ["接待游客{m}人次", "实现旅游收入{n}万元", "培育民宿{n}家", "举办民族文化活动{n}场"]),
    "禁毒宣传": ("监督检查", ["开展禁毒宣传{n}场", "发放宣传资料{m}份", "覆盖群众{m}人次", "排查重点人员{n}人"]),
    "财政监管": ("监督检查", ["核查补贴资金{n}万元", "抽查农户{m}户", "整改问题{n}个", "公示补贴项目{n}个"]),
    "民族团结": ("成果荣誉", ["开展民族团结进步宣传{n}场", "创建示范户{m}户", "举办联谊活动{n}场"]),
}
OPENINGS = [
    "{d}，{u}召开专题会议，研究部署{t}工作。",
    "近日，{u}扎实推进{t}工作，取得阶段性成效。",
    "{d}，{u}组织干部群众开展{t}工作。",
    "为抓好{t}工作，{u}结合实际，多措并举推动落实。",
]
CLOSINGS = [
    "下一步，{u}将持续跟踪问效，确保各项措施落到实处。",
    "{u}将及时总结经验，推动{t}工作常态长效。",
    "目前，各项工作有序推进，群众满意度不断提升。",
]
TYPE_WEIGHTS = {
    "动态": 30,
    "会议": 25,
    "事件": 6,
    "新闻": 6,
    "文件": 5,
    "报告": 6,
    "总结": 8,
    "经验": 5,
    "调研": 3,
    "问题": 3,
    "其他": 3,
}


@dataclass
class SampleUnit:
    id: str
    name: str
    kind: str
    reporter: str
    reporter_git: str
    reviewer: str


def _person(rng: random.Random, used: set[str]) -> str:
    while True:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        if name not in used:
            used.add(name)
            return name


def make_units(rng: random.Random, count: int) -> list[SampleUnit]:
    used: set[str] = set()
    units, names = [], set()
    for i in range(count):
        if i % 2 == 0 or i // 2 >= len(AGENCIES):
            while True:
                name = "".join(rng.choice(VILLAGE_SYLLABLES) for _ in range(2)) + "村"
                if name not in names:
                    break
            kind = "行政村"
        else:
            name, kind = AGENCIES[i // 2], "机关单位"
        names.add(name)
        uid = f"u{i + 1:03d}"
        units.append(SampleUnit(uid, name, kind, _person(rng, used), f"rep{i + 1:03d}", _person(rng, used)))
    return units


def units_yaml(township: str, units: list[SampleUnit]) -> str:
    lines = [
        f"township: {township}",
        "timezone: Asia/Shanghai",
        "office:",
        "  name: 乡党政办",
        "  reviewers:",
        "    - {name: 党政办主任, git: office}",
        f"  issuer: {township}人民政府办公室",
        f"  doc_prefix: {township[:1]}政办通",
        "  cc: [县委办, 县政府办]",
        "units:",
    ]
    for u in units:
        lines += [
            f"  - id: {u.id}",
            f"    name: {u.name}",
            f"    kind: {u.kind}",
            "    reviewers:",
            f"      - {{name: {u.reviewer}, since: 2010-01-01}}",
            "    reporters:",
            f"      - {{name: {u.reporter}, git: {u.reporter_git}, since: 2010-01-01}}",
        ]
    return "\n".join(lines) + "\n"


def body_text(rng: random.Random, unit: SampleUnit, topic: str, day: date) -> str:
    _, facts = TOPICS[topic]
    values = {"d": f"{day.month}月{day.day}日", "u": unit.name, "t": topic}
    paragraphs = [rng.choice(OPENINGS).format(**values)]
    for order in "一二三四"[: rng.randint(2, 4)]:
        chosen = rng.sample(facts, k=min(len(facts), rng.randint(2, 3)))
        sentence = "，".join(
            f.format(n=rng.randint(2, 60), m=rng.randint(60, 3000), p=rng.randint(90, 99)) for f in chosen
        )
        paragraphs.append(f"{order}是{sentence}。")
    paragraphs.append(rng.choice(CLOSINGS).format(**values))
    return "\n\n".join(paragraphs) + "\n"


def item_file(rng: random.Random, unit: SampleUnit, day: date, index: int) -> tuple[str, str]:
    topic = rng.choice(list(TOPICS))
    category = TOPICS[topic][0] if rng.random() < 0.8 else rng.choice(DEFAULT_CATEGORIES)
    type_ = rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
    title = (
        f"{unit.name}{rng.choice(['扎实推进', '全力抓好', '召开会议部署', '持续深化', '开展'])}{topic}工作（{index}）"
    )
    lag = 0 if type_ in ("动态", "会议", "事件", "新闻") else rng.randint(0, 3)
    values = {
        "title": title,
        "unit": unit.id,
        "reporter": unit.reporter,
        "reviewed_by": unit.reviewer,
        "date": day.isoformat(),
        "event_date": (day - timedelta(days=lag)).isoformat(),
        "type": type_,
        "category": category,
        "sensitivity": "公开",
        "tags": [topic],
    }
    front = "\n".join(f"{k}: {yaml_value(v)}" for k, v in values.items())
    name = f"{day.isoformat()}-{slug_for(topic + str(index), 20)}.md"
    body = body_text(rng, unit, topic, day - timedelta(days=lag))
    return f"submissions/{unit.id}/{day.year}/{name}", f"---\n{front}\n---\n{body}"


def generate(out: Path, items: int, units: int, seed: int, end: date, git: bool = True) -> dict:
    """Write the repository into ``out``; returns counts. Deterministic for (items, units, seed, end)."""
    rng = random.Random(seed)
    sample_units = make_units(rng, units)
    per_week = max(1, units)  # each unit about one item a week
    weeks = -(-items // per_week)
    start = end - timedelta(weeks=weeks)
    files: dict[str, str] = {}
    commits: list[tuple[date, list[str]]] = []
    index = 0
    for w in range(weeks):
        monday = start + timedelta(weeks=w)
        batch = []
        for unit in sample_units:
            if index >= items:
                break
            day = min(end, monday + timedelta(days=rng.randint(0, 4)))
            index += 1
            path, text = item_file(rng, unit, day, index)
            files[path] = text
            batch.append(path)
        commits.append((monday + timedelta(days=6), batch))
    item_ids = sorted(p[len("submissions/") : -3] for p in files)
    adoptions = []
    levels = list(DEFAULT_LEVELS)
    for iid in rng.sample(item_ids, k=len(item_ids) // 10):
        day = date.fromisoformat(iid.split("/")[2][:10]) + timedelta(days=rng.randint(1, 20))
        adoptions.append(
            f"- id: {yaml_value(iid)}\n  level: {rng.choices(levels, weights=[50, 25, 15, 6, 3, 1])[0]}\n"
            f"  date: {min(day, end).isoformat()}\n"
        )
    by_year: dict[str, list[str]] = {}
    for a in adoptions:
        by_year.setdefault(a.split("date: ")[1][:4], []).append(a)
    static = {
        ".gitignore": "/site/\n",  # the built site is never committed (as in a real township repository)
        "units.yaml": units_yaml("示例乡", sample_units),
        **{f"office/adoptions/{y}.yaml": "".join(v) for y, v in sorted(by_year.items())},
    }
    out.mkdir(parents=True, exist_ok=True)
    for rel, text in {**static, **files}.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if git:
        _git_history(out, static, files, commits, sample_units)
    return {"items": len(files), "units": len(sample_units), "adoptions": len(adoptions), "commits": len(commits) + 1}


def _git_history(out: Path, static: dict, files: dict, commits, units) -> None:
    """One fast-import stream: the set-up commit, then a commit per week adding that week's items."""
    who = {u.id: u.reporter_git for u in units}
    subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True)
    chunks: list[bytes] = []

    def commit(day: date, author: str, message: str, paths: dict[str, str]) -> None:
        moment = datetime(day.year, day.month, day.day, 18, tzinfo=timezone(timedelta(hours=8)))
        stamp = f"{int(moment.timestamp())} +0800"
        data = message.encode()
        chunks.append(
            f"commit refs/heads/main\ncommitter {author} <{author}@example.invalid> {stamp}\n"
            f"data {len(data)}\n".encode()
            + data
            + b"\n"
        )
        for rel, text in paths.items():
            blob = text.encode("utf-8")
            chunks.append(f'M 100644 inline "{rel}"\ndata {len(blob)}\n'.encode() + blob + b"\n")

    first = min((d for d, _ in commits), default=date(2026, 1, 1)) - timedelta(days=7)
    commit(first, "office", "建立信息报送仓库", static)
    for day, batch in commits:
        if batch:
            author = who[batch[0].split("/")[1]]
            commit(day, author, f"报送信息 {len(batch)} 条", {p: files[p] for p in batch})
    subprocess.run(["git", "-C", str(out), "fast-import", "--quiet"], input=b"".join(chunks), check=True)
    subprocess.run(["git", "-C", str(out), "reset", "-q", "--hard", "main"], check=True)
