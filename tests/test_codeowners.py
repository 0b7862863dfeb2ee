"""baosong codeowners: Gitea (Go regular expressions), GitHub and GitLab (globs) from units.yaml."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pathspec
from click.testing import CliRunner

from baosong.cli.main import cli
from baosong.review.codeowners import (
    FORGE_FILES,
    OFFICE_ONLY,
    gitea_token,
    glob_quote,
    go_quote_meta,
    ownership,
    render,
    stale_files,
)
from baosong.township.registry import load_registry
from helpers_git import TODAY, UNITS_YAML

REPO = Path(__file__).resolve().parent.parent
DAY = date.fromisoformat(TODAY)
MORE = """\
  - id: hewai
    name: 河外村
    kind: 行政村
    reviewers:
      - {name: 李光荣, git: ligr, since: 2021-06-01, until: 2026-09-30}
      - {name: 石海燕, git: shihy, since: 2026-10-01}
      - {name: 未来人, git: later, since: 2027-01-01}
"""


def registry_in(tmp_path, text=UNITS_YAML + MORE):
    (tmp_path / "units.yaml").write_text(text, encoding="utf-8")
    return load_registry(tmp_path).registry


def rules_of(text: str) -> list[tuple[str, list[str]]]:
    out = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            pattern, *owners = re.split(r"(?<!\\) ", line)
            out.append((pattern, owners))
    return out


def gitea_owners(text: str, path: str) -> set[str]:
    """Gitea adds up the owners of every matching line; patterns are whole-path regular expressions."""
    owners: set[str] = set()
    for token, names in rules_of(text):
        regex = re.sub(r"\\(.)", r"\1", token)  # Gitea's line reader: \\ → \, \# → #, "\ " → " "
        if re.fullmatch(regex, path):
            owners.update(names)
    return owners


def glob_owners(text: str, path: str) -> set[str]:
    """GitHub and GitLab: the last matching line wins."""
    found: set[str] = set()
    for pattern, names in rules_of(text):
        if pathspec.GitIgnoreSpec.from_lines([pattern]).match_file(path):
            found = set(names)
    return found


def test_office_owns_everything_and_unit_reviewers_with_git_their_folder(tmp_path):
    registry = registry_in(tmp_path)
    rules = [(r.folder, r.owners) for r in ownership(registry, DAY)]
    assert rules[:3] == [
        (None, ("wanglp",)),
        ("submissions/mengwang/", ("wanglp", "zhanggh")),
        ("submissions/hewai/", ("wanglp", "shihy")),
    ]  # baka's reviewer has no git account
    assert rules[3:] == [(path, ("wanglp",)) for path in OFFICE_ONLY]  # last: nothing overrides them


def test_office_alone_owns_pipeline_program_rules_registry_and_ledgers(tmp_path):
    registry = registry_in(tmp_path)
    wanted = [".gitlab-ci.yml", "tools/baosong/checks/sensitive.py", "site_config/rules.yaml", "units.yaml"]
    wanted += ["office/adoptions/2026.yaml", ".github/workflows/validate.yml", ".gitea/workflows/validate.yml"]
    gitea = render("gitea", registry, DAY)
    for forge in ("github", "gitlab"):
        text = render(forge, registry, DAY)
        for path in wanted:
            assert glob_owners(text, path) == {"@wanglp"}, (forge, path)
        assert glob_owners(text, "submissions/mengwang/2026/a.md") == {"@wanglp", "@zhanggh"}
    for path in wanted:
        assert gitea_owners(gitea, path) == {"@wanglp"}, path
    assert r"^units\\.yaml$ @wanglp" in gitea and "^tools/.*$ @wanglp" in gitea


def test_gitea_patterns_are_anchored_go_regexes(tmp_path):
    text = render("gitea", registry_in(tmp_path), DAY)
    assert "^submissions/mengwang/.*$ @wanglp @zhanggh" in text
    assert gitea_owners(text, "submissions/mengwang/2026/2026-11-25-安全生产会议.md") == {"@wanglp", "@zhanggh"}
    assert gitea_owners(text, "submissions/mengwang-x/2026/a.md") == {"@wanglp"}
    assert gitea_owners(text, "x/submissions/mengwang/a.md") == {"@wanglp"}
    assert gitea_owners(text, "units.yaml") == {"@wanglp"}


def test_github_and_gitlab_globs_repeat_the_office_because_the_last_match_wins(tmp_path):
    registry = registry_in(tmp_path)
    for forge in ("github", "gitlab"):
        text = render(forge, registry, DAY)
        assert "/submissions/hewai/ @wanglp @shihy" in text
        assert glob_owners(text, "submissions/hewai/2026/2026-11-25-会议.md") == {"@wanglp", "@shihy"}
        assert glob_owners(text, "submissions/baka/2026/2026-11-25-会议.md") == {"@wanglp"}
        assert glob_owners(text, "site_config/rules.yaml") == {"@wanglp"}


def test_escaping():
    assert go_quote_meta("a.b+c(d)|e[f]{g}^h$i*j?k\\l") == r"a\.b\+c\(d\)\|e\[f\]\{g\}\^h\$i\*j\?k\\l"
    assert gitea_token(r"a\.b c#d") == r"a\\.b\ c\#d"
    assert glob_quote("a b*c?[d]#!e\\") == r"a\ b\*c\?\[d\]\#\!e\\"
    regex = re.sub(r"\\(.)", r"\1", gitea_token("^" + go_quote_meta("dir with.dot/") + ".*$"))
    assert re.fullmatch(regex, "dir with.dot/x") and not re.fullmatch(regex, "dir withxdot/x")


def invoke(root, *args):
    return CliRunner().invoke(cli, ["codeowners", "--root", str(root), "--today", TODAY, *args])


def test_command_writes_and_checks(tmp_path):
    registry_in(tmp_path)
    assert invoke(tmp_path, "--check").exit_code == 1
    result = invoke(tmp_path, "--forge", "gitea")
    assert result.exit_code == 0 and (tmp_path / ".gitea/CODEOWNERS").is_file()
    assert not (tmp_path / ".github/CODEOWNERS").exists()
    assert invoke(tmp_path, "--check", "--forge", "gitea").exit_code == 0
    assert invoke(tmp_path, "--check").exit_code == 1
    assert invoke(tmp_path).exit_code == 0
    assert invoke(tmp_path, "--check").exit_code == 0
    (tmp_path / "units.yaml").write_text(UNITS_YAML.replace("git: zhanggh", "git: zhangguohua"), encoding="utf-8")
    result = invoke(tmp_path, "--check")
    assert result.exit_code == 1 and ".gitea/CODEOWNERS 与 units.yaml 不一致" in result.output


def test_committed_sample_files_are_current():
    registry = load_registry(REPO).registry
    assert stale_files(REPO, registry, DAY) == [], "run: baosong codeowners --today " + TODAY
    assert set(FORGE_FILES.values()) == {".gitea/CODEOWNERS", ".github/CODEOWNERS", ".gitlab/CODEOWNERS"}
