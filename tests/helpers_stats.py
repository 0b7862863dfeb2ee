"""A hand-made township for the statistics tests: every edge of SPEC §4 in one small repository.

Units (default rules: weekly 1, research 调研, scoring 1 / levels 2 1 5 10 20 40 / 批示 10 / 约稿 2):

- ``aa`` 甲村 (行政村): reporter 张三 until 2026-08-14, then 李四 from 2026-08-15 (changed mid-quarter).
- ``bb`` 乙村 (行政村): one item every Wednesday of Q3 except W30, where its only item has an error.
- ``cc`` 丙中心 (机关单位): added mid-year, its reporter starts Wednesday 2026-08-12 (W33).
- ``dd`` 丁所 (机关单位): nothing in 2026 until one item on Saturday 2027-01-02 (ISO week 2026-W53).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

UNITS = """\
township: 测试乡
timezone: Asia/Shanghai
office:
  name: 乡党政办
  reviewers:
    - {name: 王主任, git: wangzr}
units:
  - id: aa
    name: 甲村
    kind: 行政村
    reviewers:
      - {name: 王五, since: 2020-01-01}
    reporters:
      - {name: 张三, git: zhangsan, phone: "13800000001", since: 2020-01-01, until: 2026-08-14}
      - {name: 李四, git: lisi, phone: "13800000002", since: 2026-08-15}
  - id: bb
    name: 乙村
    kind: 行政村
    reviewers:
      - {name: 钱七, since: 2020-01-01}
    reporters:
      - {name: 赵六, git: zhaoliu, since: 2020-01-01}
  - id: cc
    name: 丙中心
    kind: 机关单位
    reviewers:
      - {name: 周九, since: 2026-08-12}
    reporters:
      - {name: 孙八, git: sunba, phone: "13800000008", since: 2026-08-12}
  - id: dd
    name: 丁所
    kind: 机关单位
    reviewers:
      - {name: 郑十, since: 2020-01-01}
    reporters:
      - {name: 吴十一, git: wusy, since: 2020-01-01}
"""

REQUESTS = """\
- id: 2026-防汛
  title: 关于报送防汛减灾工作信息的通知
  issued: 2026-07-01
  due: 2026-08-31
  units: all
- id: 2026-秋收
  title: 关于报送秋收秋种工作信息的通知
  issued: 2026-09-10
  due: 2026-10-15
  units: all
"""

ADOPTIONS = """\
- id: aa/2026/2026-08-17-防汛会议
  level: 乡采用
  date: 2026-08-18
  outlet: 测试政务信息 2026年第3期
- id: aa/2026/2026-08-14-防汛调研
  level: 报送县
  date: 2026-08-20
- id: aa/2026/2026-08-14-防汛调研
  level: 县采用
  date: 2026-09-10
  outlet: 测试政务信息 2026年第3期
  instruction: {by: 县长, text: 请各乡镇学习借鉴。}
- id: aa/2026/2026-09-30-秋收会议
  level: 市采用
  date: 2026-10-09
- id: cc/2026/2026-08-13-中心工作会议
  level: 乡采用
  date: 2026-08-14
  outlet: 测试政务信息 2026年第2期
- id: cc/2026/2026-09-16-产业调研
  level: 县采用
  date: 2026-09-20
"""

REVIEWERS = {"aa": "王五", "bb": "钱七", "cc": "周九", "dd": "郑十"}
BODY = "这是一条用于测试的政务信息正文，写清楚了时间、地点和做法。\n"


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def item(
    root: Path,
    unit: str,
    day: str,
    slug: str,
    reporter: str,
    type_: str = "动态",
    event: str | None = None,
    category: str = "部署落实",
    request: str | None = None,
    title: str | None = None,
    body: str = BODY,
) -> str:
    lines = [
        "---",
        f"title: {title or f'{slug}工作情况报告'}",
        f"unit: {unit}",
        f"reporter: {reporter}",
        f"reviewed_by: {REVIEWERS[unit]}",
        f"date: {day}",
        f"event_date: {event or day}",
        f"type: {type_}",
        f"category: {category}",
        "sensitivity: 公开",
    ]
    if request:
        lines.append(f"request: {request}")
    lines += ["---", body]
    rel = f"submissions/{unit}/{day[:4]}/{day}-{slug}.md"
    write(root, rel, "\n".join(lines))
    return rel


def make_township(root: Path) -> dict[str, str]:
    """Write the repository; returns {name: path} of the items that must carry an error."""
    write(root, "units.yaml", UNITS)
    write(root, "office/requests/2026.yaml", REQUESTS)
    write(root, "office/adoptions/2026.yaml", ADOPTIONS)
    # aa: Q1 research, a Q2 item in W27, reporter change on 2026-08-15, Q3 items in W40.
    item(root, "aa", "2026-03-10", "产业调研", "张三", "调研", "2026-03-09")
    item(root, "aa", "2026-06-30", "半年工作会", "张三", "会议")
    item(root, "aa", "2026-07-08", "环境整治", "张三")
    item(root, "aa", "2026-07-16", "村规民约", "张三", "文件", "2026-07-10")  # 3 days late (T01 warning)
    item(root, "aa", "2026-08-14", "防汛调研", "张三", "调研", "2026-08-10")
    item(root, "aa", "2026-08-17", "防汛会议", "李四", "会议", request="2026-防汛")
    item(root, "aa", "2026-08-18", "防汛排查", "李四", request="2026-防汛")
    bad = {"aa-old-reporter": item(root, "aa", "2026-08-20", "旧信息员", "张三")}  # M06: 张三 left on 08-14
    item(root, "aa", "2026-09-29", "获评示范村", "李四", "新闻")
    item(root, "aa", "2026-09-30", "秋收会议", "李四", "会议", request="2026-秋收")
    item(root, "aa", "2026-10-14", "秋收进展", "李四")
    item(root, "aa", "2026-11-24", "医保缴费", "李四")
    item(root, "aa", "2026-12-31", "年终总结会", "李四", "会议")
    # bb: every Wednesday of Q3 but W30, whose only item has an error (unknown category).
    wednesday = date(2026, 7, 1)
    while wednesday <= date(2026, 9, 23):
        if wednesday != date(2026, 7, 22):
            item(root, "bb", wednesday.isoformat(), f"第{wednesday.isocalendar()[1]}周动态", "赵六")
        wednesday += timedelta(days=7)
    bad["bb-category"] = item(root, "bb", "2026-07-22", "第30周动态", "赵六", category="不存在的类别")
    item(root, "bb", "2026-11-25", "今天的动态", "赵六")
    # cc: starts 2026-08-12 (W33).
    item(root, "cc", "2026-08-13", "中心工作会议", "孙八", "会议")
    item(root, "cc", "2026-08-26", "经验做法", "孙八", "经验", "2026-08-20")  # 1 day late
    item(root, "cc", "2026-09-16", "产业调研", "孙八", "调研", "2026-09-14", request="2026-秋收")
    # dd: one item in ISO week 2026-W53, dated in 2027.
    item(root, "dd", "2027-01-02", "元旦值班", "吴十一")
    return bad


def expected_q3() -> dict:
    """2026Q3 computed by hand (today 2026-11-25)."""
    weeks = [f"2026-W{n}" for n in range(27, 40)]
    return {
        "quarter": "2026Q3",
        "start": "2026-07-01",
        "end": "2026-09-30",
        "weeks": weeks,
        "units": [
            {
                "id": "aa",
                "name": "甲村",
                "kind": "行政村",
                "submitted": 7,
                "weeks_met": ["2026-W27", "2026-W28", "2026-W29", "2026-W33", "2026-W34"],
                "weeks_missed": [
                    "2026-W30",
                    "2026-W31",
                    "2026-W32",
                    "2026-W35",
                    "2026-W36",
                    "2026-W37",
                    "2026-W38",
                    "2026-W39",
                ],
                "weeks_in_progress": [],
                "on_time": 6,
                "late": 1,
                "by_type": {"动态": 2, "会议": 2, "新闻": 1, "文件": 1, "调研": 1},
                "research_ytd": 2,
                "adopted": {"乡采用": 1, "报送县": 1, "县采用": 1},
                "instructions": 1,
                "requests_answered": 2,
                "score": 7 + 2 + 1 + 5 + 10 + 2 * 2,
                "rank": 1,
            },
            {
                "id": "bb",
                "name": "乙村",
                "kind": "行政村",
                "submitted": 12,
                "weeks_met": [w for w in weeks if w != "2026-W30"],
                "weeks_missed": ["2026-W30"],
                "weeks_in_progress": [],
                "on_time": 12,
                "late": 0,
                "by_type": {"动态": 12},
                "research_ytd": 0,
                "adopted": {},
                "instructions": 0,
                "requests_answered": 0,
                "score": 12,
                "rank": 2,
            },
            {
                "id": "cc",
                "name": "丙中心",
                "kind": "机关单位",
                "submitted": 3,
                "weeks_met": ["2026-W33", "2026-W35", "2026-W38"],
                "weeks_missed": ["2026-W34", "2026-W36", "2026-W37", "2026-W39"],
                "weeks_in_progress": [],
                "on_time": 2,
                "late": 1,
                "by_type": {"会议": 1, "经验": 1, "调研": 1},
                "research_ytd": 1,
                "adopted": {"乡采用": 1, "县采用": 1},
                "instructions": 0,
                "requests_answered": 1,
                "score": 3 + 2 + 5 + 2,
                "rank": 2,
            },
            {
                "id": "dd",
                "name": "丁所",
                "kind": "机关单位",
                "submitted": 0,
                "weeks_met": [],
                "weeks_missed": weeks,
                "weeks_in_progress": [],
                "on_time": 0,
                "late": 0,
                "by_type": {},
                "research_ytd": 0,
                "adopted": {},
                "instructions": 0,
                "requests_answered": 0,
                "score": 0,
                "rank": 4,
            },
        ],
    }
