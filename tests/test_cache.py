"""The result cache: reused only for unchanged files under the same registry, rules, ledgers and day."""

from __future__ import annotations

import os

from baosong import cache, repository
from baosong.dates import parse_date
from conftest import TODAY


def many_items(township, n=210):
    for i in range(n):
        township.item(name=f"2026-11-{(i % 20) + 1:02d}-会议{i}.md", title=f"勐往村召开安全生产工作会议{i}")


def codes(root, today=TODAY):
    return sorted((f.path, f.code) for f in repository.load_repository(root, parse_date(today)).findings)


def test_cache_lives_outside_the_repository_and_follows_changes(township):
    many_items(township)
    first = codes(township.root)
    (cached,) = list(cache.cache_dir().glob("*.pickle"))
    assert township.root not in cached.parents
    assert codes(township.root) == first  # reused

    rel = township.item(name="2026-11-03-会议2.md", title="短")  # rewrite one file
    assert ("submissions/mengwang/2026/2026-11-03-会议2.md", "M10") in codes(township.root)
    assert rel

    units = township.root / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("李春艳", "李春燕"), encoding="utf-8")
    assert {c for _, c in codes(township.root)} >= {"M06"}  # registry change invalidates every entry

    assert ("submissions/mengwang/2026/2026-11-20-会议19.md", "M09") in codes(township.root, "2026-11-19")


def test_cache_can_be_turned_off(township, monkeypatch):
    many_items(township)
    monkeypatch.setenv("BAOSONG_NO_CACHE", "1")
    codes(township.root)
    assert not cache.cache_dir().exists() or not list(cache.cache_dir().glob("*.pickle"))


def test_committed_pickle_in_repository_is_never_loaded(township):
    many_items(township)
    evil = township.root / ".cache" / "baosong"
    evil.mkdir(parents=True)
    (evil / "x.pickle").write_bytes(b"cos\nsystem\n(S'touch /tmp/baosong-pwned'\ntR.")
    codes(township.root)
    assert not os.path.exists("/tmp/baosong-pwned")
