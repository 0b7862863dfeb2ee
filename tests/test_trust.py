"""Issue 14: a change is judged by the rules it came to, not by the rules it brings.

Every case is a real git repository: a base on ``main`` with the township's rules, registry and ledgers,
then a branch where a reporter weakens one of them (another key, another file) together with an item that
the base rules reject. ``validate --changed-since main`` and a real bare repository guarded by the installed
pre-receive hook must both refuse it; the same change by an office reviewer gets C03 and the item is still
judged by the base's rules.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from baosong.cli.main import cli
from baosong.review.changes import review_change
from helpers_git import TODAY, UNITS_YAML, Town, bare_server, codes, item_path, item_text, push, server_tip

DAY = date.fromisoformat(TODAY)
RULES = (Path(__file__).resolve().parent.parent / "site_config" / "rules.yaml").read_text(encoding="utf-8")
RULES_FILE = "site_config/rules.yaml"
ID_NUMBER = "11010519491231002X"  # GB 11643 check digit valid (the standard's own example)
REQUESTS = "- {id: 2026-防汛, title: 关于报送防汛工作信息的通知, issued: 2026-06-01, due: 2026-06-10, units: all}\n"
BAD_ID = ("S03", {"body": f"联系人身份证号 {ID_NUMBER}，请核实。"})
BAD_WORD = ("S06", {"body": "本材料内部传阅，请各村组织学习。"})
NEW_ITEM = item_path("mengwang", TODAY, "安全生产会议")


@pytest.fixture
def town(tmp_path):
    t = Town(tmp_path / "repo")
    t.write(RULES_FILE, RULES)
    t.write("office/requests/2026.yaml", REQUESTS)
    t.write("site_config/templates/submission.md", "---\ntitle: \n---\n")
    t.add_item("mengwang", "2026-11-20", "村民小组会议")
    t.commit("base")
    t.branch("pr")
    return t


def edit(rel: str, old: str, new: str):
    def apply(town: Town) -> list[str]:
        text = (town.root / rel).read_text(encoding="utf-8")
        assert old in text, old
        town.write(rel, text.replace(old, new))
        return [rel]

    return apply


def write(rel: str, text: str):
    def apply(town: Town) -> list[str]:
        return [town.write(rel, text)]

    return apply


def remove(rel: str, to: str | None = None):
    def apply(town: Town) -> list[str]:
        town.git(*(["mv", rel, to] if to else ["rm", "-q", rel]))
        return [rel, to] if to else [rel]

    return apply


OFFICE_SELF = "    - {name: 王丽萍, git: wanglp}\n    - {name: 李春艳, git: licy}\n"
NEW_UNIT = UNITS_YAML + (
    "  - id: xin\n    name: 新村\n    kind: 行政村\n    reviewers:\n      - {name: 张国华, since: 2021-06-01}\n"
    "    reporters:\n      - {name: 李春艳, git: licy, since: 2021-06-01}\n"
)

# (weakening change, what the base rules say about the item, item fields)
WEAKENINGS = {
    "scanner-off": (edit(RULES_FILE, "S03: error", "S03: off"), *BAD_ID),
    "two-scanners-off": (
        edit(RULES_FILE, "S02: error, S03: error, S04: error", "S02: off, S03: off, S04: off"),
        *BAD_ID,
    ),
    "severity-lowered": (edit(RULES_FILE, "S03: error", "S03: warning"), *BAD_ID),
    "allow-added": (edit(RULES_FILE, "allow: []", f'allow: ["{ID_NUMBER}"]'), *BAD_ID),
    "word-removed": (
        edit(RULES_FILE, "    - {word: 内部传阅, severity: error, advice: 内部传阅的材料不能报送}\n", ""),
        *BAD_WORD,
    ),
    "word-lowered": (
        edit(RULES_FILE, "{word: 内部传阅, severity: error", "{word: 内部传阅, severity: warning"),
        *BAD_WORD,
    ),
    "word-allowed": (edit(RULES_FILE, "allow: []", "allow: [内部传阅]"), *BAD_WORD),
    "type-added": (edit(RULES_FILE, "  其他: 5\n", "  其他: 5\n  通知: 5\n"), "M03", {"type": "通知"}),
    "category-added": (edit(RULES_FILE, "应急管理, 其他]", "应急管理, 其他, 八卦]"), "M03", {"category": "八卦"}),
    "deadline-stretched": (
        edit(RULES_FILE, "  会议: 0\n", "  会议: 30\n"),
        "T01",
        {"type": "会议", "event_date": "2026-11-01"},
    ),
    "refused-level-allowed": (
        edit(RULES_FILE, "allowed: [公开, 内部]", "allowed: [公开, 内部, 不宜公开]"),
        "S01",
        {"sensitivity": "不宜公开"},
    ),
    "rules-deleted": (remove(RULES_FILE), *BAD_WORD),
    "rules-renamed": (remove(RULES_FILE, "site_config/rules.yaml.bak"), *BAD_WORD),
    "rules-emptied": (write(RULES_FILE, "# 清空\n"), *BAD_WORD),
    "checks-edited": (write("tools/baosong/checks/sensitive.py", "# 不查了\n"), *BAD_ID),
    "gitea-workflow": (write(".gitea/workflows/validate.yml", "name: 空\non: push\njobs: {}\n"), *BAD_ID),
    "github-workflow": (write(".github/workflows/validate.yml", "on: pull_request\njobs: {}\n"), *BAD_ID),
    "gitlab-ci": (write(".gitlab-ci.yml", "stages: []\n"), *BAD_ID),
    "makefile": (write("Makefile", "test:\n\ttrue\n"), *BAD_ID),
    "mkdocs": (write("mkdocs.yml", "site_name: x\nplugins: []\n"), *BAD_ID),
    "codeowners": (write(".gitea/CODEOWNERS", ".* @licy\n"), *BAD_ID),
    "template": (write("site_config/templates/submission.md", "---\nsensitivity: 不宜公开\n---\n"), *BAD_ID),
    "theme-override": (write("site_config/overrides/main.html", "<script>alert(1)</script>\n"), *BAD_ID),
    "scan-corpus": (write("tests/corpus/sensitive/allow.txt", f"{ID_NUMBER}\n"), *BAD_ID),
    "ledger-request": (
        edit(
            "office/requests/2026.yaml",
            "units: all}\n",
            "units: all}\n- {id: 2026-秋收, title: 关于报送秋收工作信息的通知, issued: 2026-11-01, due: 2026-11-30, units: all}\n",
        ),
        "M11",
        {"request": "2026-秋收"},
    ),
    "units-self-office": (edit("units.yaml", "    - {name: 王丽萍, git: wanglp}\n", OFFICE_SELF), *BAD_ID),
    "units-new-unit": (write("units.yaml", NEW_UNIT), "M05", {}),
    "loose-file": (write("submissions/README.md", "说明\n"), *BAD_ID),
    # git archive obeys the archived tree's own attributes: the hook would not have seen the item at all
    "attributes-export-ignore": (
        write(".gitattributes", "submissions/** export-ignore\n*.md export-ignore\n"),
        *BAD_ID,
    ),
}


def add_bad_item(town: Town, case: str) -> str:
    _, _, fields = WEAKENINGS[case]
    fields = dict(fields)
    body = fields.pop("body", "正文内容，记录工作开展情况。")
    if case == "units-new-unit":  # the item lives in the unit the change registers
        rel = item_path("xin", TODAY, "新村新闻")
        text = item_text("mengwang", TODAY, "新村召开村民大会工作情况报道", body=body).replace(
            "unit: mengwang", "unit: xin"
        )
        return town.write(rel, text)
    return town.write(NEW_ITEM, item_text("mengwang", TODAY, "勐往村召开安全生产工作会议", body=body, **fields))


def weaken(town: Town, case: str) -> tuple[list[str], str]:
    apply = WEAKENINGS[case][0]
    paths = apply(town)
    rel = add_bad_item(town, case)
    town.commit(case)
    return paths, rel


def run(town: Town, actor: str | None, fmt: str = "text"):
    args = ["validate", "--root", str(town.root), "--today", TODAY, "--changed-since", "main", "--format", fmt]
    return CliRunner().invoke(cli, [*args, *(["--actor", actor] if actor else [])], env={"GITEA_ACTOR": None})


@pytest.mark.parametrize("actor", ["licy", "wanglp"])  # a reporter of 勐往村; an office reviewer
@pytest.mark.parametrize("case", sorted(WEAKENINGS))
def test_a_weakening_change_is_judged_by_the_base_rules_whoever_makes_it(town, case, actor):
    paths, rel = weaken(town, case)
    code = WEAKENINGS[case][1]
    findings = review_change(town.root, "main", actor, DAY).findings
    found = codes(findings)
    assert (code, rel) in found, found  # the item is judged by the base rules
    assert all(f.severity == "error" for f in findings if f.code == code != "T01")
    office = actor == "wanglp"
    for path in paths:
        if office:  # may change it, with office review (a loose file under submissions/ is F06 instead)
            assert ("C06", path) not in found and (("C03", path) in found or path.startswith("submissions/")), found
        else:  # may not touch it at all
            assert ("C06", path) in found and ("C03", path) not in found, found
    assert all(f.severity == "warning" for f in findings if f.code == "C03")
    result = run(town, actor)
    assert result.exit_code == (0 if office and code == "T01" else 1), result.output
    assert "可以合并" not in result.output


def test_c03_means_office_review_never_可以合并(town):
    town.write(RULES_FILE, RULES.replace("S05: warning", "S05: off"))
    town.commit("office turns phone scanning off")
    for fmt in ("text", "markdown", "github"):
        result = run(town, "wanglp", fmt)
        assert result.exit_code == 0, result.output
        assert "可以合并" not in result.output and "党政办审核人审核同意后才能合并" in result.output


def test_an_office_rule_change_applies_to_the_changes_after_it_lands(town):
    phone = "联系电话 13912345678。"
    town.write(RULES_FILE, RULES.replace("S05: warning", "S05: error"))
    town.write(NEW_ITEM, item_text("mengwang", TODAY, "勐往村召开安全生产工作会议", body=phone))
    town.commit("office raises S05 and adds an item in the same change")
    findings = review_change(town.root, "main", "wanglp", DAY).findings
    assert [(f.code, f.severity) for f in findings if f.code == "S05"] == [("S05", "warning")]  # not yet in force
    town.checkout("main")
    town.git("merge", "-q", "--ff-only", "pr")
    town.branch("pr2")
    rel = item_path("mengwang", TODAY, "第二条")
    town.write(rel, item_text("mengwang", TODAY, "勐往村召开防火工作会议", body=phone))
    town.commit("reporter's next item")
    findings = review_change(town.root, "main", "licy", DAY).findings
    assert [(f.code, f.path, f.severity) for f in findings] == [("S05", rel, "error")]


def test_the_changes_own_config_files_are_still_checked_as_files(town):
    town.write(RULES_FILE, RULES + "\nbogus_key: 1\n")
    town.write("office/requests/2026.yaml", REQUESTS + "- {id: 2026-秋收}\n")
    town.write("units.yaml", UNITS_YAML.replace("git: licy, since: 2021-06-01", "git: licy, since: 2021-13-01"))
    town.commit("office edits with mistakes")
    found = codes(review_change(town.root, "main", "wanglp", DAY).findings)
    assert ("R01", RULES_FILE) in found and ("A01", "office/requests/2026.yaml") in found
    assert ("U01", "units.yaml") in found


def test_registering_oneself_as_office_reviewer_does_not_make_one(town):
    weaken(town, "units-self-office")
    found = codes(review_change(town.root, "main", "licy", DAY).findings)
    assert ("C06", "units.yaml") in found and ("S03", NEW_ITEM) in found


def test_a_reporter_may_not_touch_another_units_attachment_even_to_delete_it(town):
    town.checkout("main")
    png = town.write("submissions/baka/2026/照片.png", b"\x89PNG\r\n\x1a\n")
    town.commit("office adds")
    town.branch("pr2")
    town.git("rm", "-q", png)
    town.commit("reporter deletes another unit's attachment")
    found = codes(review_change(town.root, "main", "licy", DAY).findings)
    assert found == [("C04", png)]
    c04 = next(f for f in review_change(town.root, "main", "licy", DAY).findings if f.code == "C04")
    assert "俸玉兰" in c04.message and "王丽萍（wanglp）" in c04.message  # who may make that change


def test_unknown_actor_is_said_in_the_report_itself(town, monkeypatch):
    for name in ("GITEA_ACTOR", "GITHUB_ACTOR", "GITLAB_USER_LOGIN"):
        monkeypatch.delenv(name, raising=False)
    weaken(town, "scanner-off")
    for fmt in ("text", "markdown", "github"):
        result = run(town, None, fmt)
        assert "未能确定提交人" in result.stdout, result.output
        assert "可以合并" not in result.stdout
    result = run(town, None, "json")
    assert "未能确定提交人" in result.stderr
    found = codes(review_change(town.root, "main", None, DAY).findings)
    assert ("C03", RULES_FILE) in found and ("S03", NEW_ITEM) in found


# ---- the pre-receive hook: the only gate of a bare repository ---------------------------------------------


@pytest.fixture
def server(tmp_path, town):
    bare = bare_server(tmp_path / "server.git", town)
    town.checkout("main")
    first = push(town, "main")
    assert first.returncode == 0, first.stderr
    town.checkout("pr")
    return bare


@pytest.mark.parametrize("case", sorted(WEAKENINGS))
def test_hook_refuses_a_reporters_weakening_push(town, server, case):
    paths, rel = weaken(town, case)
    before = server_tip(server)
    done = push(town, "pr:main", actor="licy")
    assert done.returncode != 0, done.stderr
    assert "已拒绝" in done.stderr and "C06" in done.stderr and WEAKENINGS[case][1] in done.stderr
    assert paths[0] in done.stderr and rel in done.stderr
    assert server_tip(server) == before
    office = push(town, "pr:main", actor="wanglp")
    assert ("C03" in office.stderr or paths[0].startswith("submissions/")) and WEAKENINGS[case][1] in office.stderr
    assert (office.returncode == 0) == (WEAKENINGS[case][1] == "T01"), office.stderr


def test_hook_accepts_the_office_change_then_judges_by_it(town, server):
    town.write(RULES_FILE, RULES.replace("S05: warning", "S05: error"))
    town.commit("office raises S05")
    done = push(town, "pr:main", actor="wanglp")
    assert done.returncode == 0, done.stderr
    assert "C03" in done.stderr and "可以合并" not in done.stderr
    town.write(NEW_ITEM, item_text("mengwang", TODAY, "勐往村召开安全生产工作会议", body="联系电话 13912345678。"))
    town.commit("reporter's item with a phone")
    refused = push(town, "pr:main", actor="licy")
    assert refused.returncode != 0 and "S05" in refused.stderr


def test_hook_fails_closed_without_a_pusher(town, server):
    town.add_item("mengwang", TODAY, "安全生产会议")
    town.commit("a good item")
    done = push(town, "pr:main", actor=None)
    assert done.returncode != 0
    assert "C06" in done.stderr and "不知道推送人" in done.stderr
    assert push(town, "pr:main", actor="licy").returncode == 0


def test_c06_names_who_may_make_the_change(town):
    weaken(town, "scanner-off")
    c06 = next(f for f in review_change(town.root, "main", "licy", DAY).findings if f.code == "C06")
    assert c06.severity == "error" and "licy" in c06.message and "王丽萍（wanglp）" in c06.message


def test_township_in_a_subfolder_is_judged_by_its_own_base_rules(tmp_path):
    mono = Town(tmp_path / "mono")
    (mono.root / "units.yaml").unlink()
    mono.write("xinxi/units.yaml", UNITS_YAML)
    mono.write(f"xinxi/{RULES_FILE}", RULES)
    mono.write(RULES_FILE, RULES.replace("S03: error", "S03: off"))  # another project's file at the top
    mono.commit("init")
    mono.branch("pr")
    mono.write(f"xinxi/{RULES_FILE}", RULES.replace("S03: error", "S03: off"))
    mono.write(f"xinxi/{NEW_ITEM}", item_text("mengwang", TODAY, "勐往村召开安全生产工作会议", body=BAD_ID[1]["body"]))
    mono.commit("weaken")
    found = codes(review_change(mono.root / "xinxi", "main", "licy", DAY).findings)
    assert ("S03", NEW_ITEM) in found and ("C06", RULES_FILE) in found


def test_a_base_without_a_registry_leaves_the_change_to_its_own_files_and_says_so(town):
    town.checkout("main")
    town.git("rm", "-q", "units.yaml")
    town.commit("no registry yet")
    town.branch("first")
    town.write("units.yaml", UNITS_YAML)
    town.write(RULES_FILE, RULES.replace("S03: error", "S03: off"))
    town.write(NEW_ITEM, item_text("mengwang", TODAY, "勐往村召开安全生产工作会议", body=BAD_ID[1]["body"]))
    town.commit("set up")
    report = review_change(town.root, "main", "wanglp", DAY)
    # the registry has to come from the change; the rules still come from the base (the S03 error stays)
    assert codes(report.findings) == [("C03", RULES_FILE), ("C03", "units.yaml"), ("S03", NEW_ITEM)]
    assert any("基准版本没有可用的 units.yaml" in n for n in report.notes)


def test_a_township_folder_new_in_the_change_is_judged_by_the_defaults(tmp_path):
    mono = Town(tmp_path / "mono")
    (mono.root / "units.yaml").unlink()
    mono.write("README.md", "别的项目\n")
    mono.commit("init")
    mono.branch("pr")
    mono.write("xinxi/units.yaml", UNITS_YAML)
    mono.write(f"xinxi/{RULES_FILE}", RULES.replace("S03: error", "S03: off"))
    mono.write(f"xinxi/{NEW_ITEM}", item_text("mengwang", TODAY, "勐往村召开安全生产工作会议", body=BAD_ID[1]["body"]))
    mono.commit("set up the township")
    report = review_change(mono.root / "xinxi", "main", "wanglp", DAY)
    assert ("S03", NEW_ITEM) in codes(report.findings) and report.notes


def test_the_hook_exports_a_commit_byte_for_byte_whatever_its_attributes(tmp_path):
    """export-subst would rewrite a file and export-ignore hide one; a path outside the folder is refused."""
    from baosong.review.history import HistoryError, export_commit

    work = Town(tmp_path / "w")
    work.write(".gitattributes", "units.yaml export-subst\nsubmissions/** export-ignore\n")
    work.write("units.yaml", "township: $Format:%H$\n")
    work.write("submissions/mengwang/2026/a.md", "正文\n")
    work.commit("attributes")
    out = tmp_path / "out"
    out.mkdir()
    export_commit(work.root, "HEAD", out)
    assert (out / "units.yaml").read_text(encoding="utf-8") == "township: $Format:%H$\n"
    assert (out / "submissions/mengwang/2026/a.md").read_text(encoding="utf-8") == "正文\n"
    # a tree git itself would never write (git mktree takes it): ../x.md must not land outside the folder
    blob = work.git("hash-object", "-w", "--stdin", input="hi\n").strip()
    inner = work.git("mktree", input=f"100644 blob {blob}\tx.md\n").strip()
    evil = work.git("mktree", input=f"040000 tree {inner}\t..\n").strip()
    target = tmp_path / "deep" / "out"
    target.mkdir(parents=True)
    with pytest.raises(HistoryError, match="不允许的路径"):
        export_commit(work.root, evil, target)
    assert not (tmp_path / "deep" / "x.md").exists()
