"""The result cache: reused only for unchanged files under the same registry, rules, ledgers and day.

Issue 13.4: an edit that lands while a file is being checked, or that keeps size and mtime, is never
served from the cache; the cache is SQLite with JSON values, never a pickle."""

from __future__ import annotations

import os

from baosong.checks import repository
from baosong.township import cache, reader
from baosong.township.dates import parse_date
from conftest import TODAY


def many_items(township, n=210):
    for i in range(n):
        township.item(name=f"2026-11-{(i % 20) + 1:02d}-会议{i}.md", title=f"勐往村召开安全生产工作会议{i}")


def codes(root, today=TODAY):
    return sorted((f.path, f.code) for f in repository.load_repository(root, parse_date(today)).findings)


def test_cache_lives_outside_the_repository_and_follows_changes(township):
    many_items(township)
    first = codes(township.root)
    (cached,) = list(cache.cache_dir().glob("*.sqlite"))
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
    assert not cache.cache_dir().exists() or not list(cache.cache_dir().iterdir())


def test_committed_pickle_in_repository_is_never_loaded(township):
    many_items(township)
    evil = township.root / ".cache" / "baosong"
    evil.mkdir(parents=True)
    (evil / "x.pickle").write_bytes(b"cos\nsystem\n(S'touch /tmp/baosong-pwned'\ntR.")
    codes(township.root)
    assert not os.path.exists("/tmp/baosong-pwned")


def titles(root, today=TODAY):
    repo = repository.load_repository(root, parse_date(today))
    return {i.path: i.title for i in repo.items}


def test_an_edit_while_the_file_is_being_checked_is_not_cached_as_read(township, monkeypatch):
    """The race of a save during a run (mkdocs serve, git pull during a build): the hook edits the file in the
    real run right after the reader has read it, before the cache records it."""
    many_items(township)
    target = township.item(name="2026-11-05-会议4.md", title="勐往村召开安全生产工作会议旧标题")
    real = reader.read_path

    def read_then_edit(root, rel):
        result = real(root, rel)
        if rel == target:
            township.item(name="2026-11-05-会议4.md", title="勐往村召开安全生产工作会议新标题")
        return result

    monkeypatch.setattr(repository, "read_path", read_then_edit)
    assert titles(township.root)[target] == "勐往村召开安全生产工作会议旧标题"  # what was read then
    monkeypatch.setattr(repository, "read_path", real)
    assert titles(township.root)[target] == "勐往村召开安全生产工作会议新标题"


def test_an_edit_keeping_size_and_mtime_is_seen(township):
    many_items(township)
    target = township.item(name="2026-11-05-会议4.md", title="勐往村召开安全生产工作会议甲")
    path = township.root / target
    assert titles(township.root)[target].endswith("甲")
    st = path.stat()
    with open(path, "r+b") as fh:  # in place: same inode, same size
        data = fh.read().replace("会议甲".encode(), "会议乙".encode())
        fh.seek(0)
        fh.write(data)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # the mtime as it was
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    assert titles(township.root)[target].endswith("乙")


def test_a_racy_entry_is_compared_by_content(township):
    """A file stamped within the clock tick of its last change carries a digest: if its bytes differ while
    the stamp is the same (an edit in the same tick), the entry is not used."""
    rel = township.item(name="2026-11-05-会议4.md", title="勐往村召开安全生产工作会议甲")
    store = cache.ResultCache(township.root, parse_date(TODAY))
    before = store.mark(rel)
    assert before.digest is not None  # just written: racy
    assert cache.mark(township.root, rel, now_ns=before.stamp[1] + 10 * cache.RACY_NS).digest is None
    store.put(rel, reader.read_path(township.root, rel), before)
    assert store.get(rel) is not None
    same_stamp = cache.Mark(cache.stamp(township.root, rel), cache.digest(township.root, rel)[::-1])
    store.put(rel, reader.read_path(township.root, rel), same_stamp)
    assert store.get(rel) is None


def test_the_cache_is_sqlite_with_json_values_and_round_trips(township):
    many_items(township)
    first = codes(township.root)
    (db,) = cache.cache_dir().glob("*.sqlite")
    import sqlite3

    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT path, result FROM results").fetchall()
    assert len(rows) == 210
    import json

    sample = json.loads(rows[0][1])
    assert sample["path"] == rows[0][0] and sample["item"]["meta"]["title"]
    assert codes(township.root) == first
    with sqlite3.connect(db) as con:  # a tampered row is data, never code; a malformed one is a miss
        con.execute("UPDATE results SET result = '{\"path\": 1}'")
    assert codes(township.root) == first
