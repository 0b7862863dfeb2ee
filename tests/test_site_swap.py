"""The served site is never emptied (issue 13.2, 13.7): builds write a fresh folder swapped in at the end,
one build at a time per site folder. Real ``baosong build`` processes, killed with SIGKILL at random moments."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from baosong.site import keep
from helpers_site import TODAY, build, previous_sites_deleted, sample_township

BIN = Path(sys.executable).parent


@pytest.fixture
def township(tmp_path, monkeypatch) -> Path:
    return sample_township(tmp_path, monkeypatch, 30)


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def cli_build(root: Path, site: Path) -> subprocess.Popen:
    """``baosong build`` as its own process group (its forked workers die with it)."""
    args = [str(BIN / "baosong"), "build", "--root", str(root), "--today", TODAY, "--site-dir", str(site), "-q"]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def add_item(root: Path) -> Path:
    """A new valid item: a copy of the first one under a new name and title."""
    first = sorted((root / "submissions").rglob("*.md"))[0]
    text = first.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    new = first.with_name(first.stem + "-续.md")
    new.write_text(text.replace(title, "title: 新到的一条信息：全乡召开安全生产推进会", 1), encoding="utf-8")
    return new


class Watcher(threading.Thread):
    """Looks at the site folder all the time: its home page and search index must always be there."""

    def __init__(self, site: Path):
        super().__init__(daemon=True)
        self.site, self.stop, self.missing, self.looks = site, threading.Event(), [], 0

    def run(self):
        while not self.stop.is_set():
            for name in ("index.html", "search/index.html", "sitemap.xml"):
                if not (self.site / name).is_file():
                    self.missing.append(name)
            self.looks += 1


def test_killed_builds_never_leave_an_incomplete_site(township, tmp_path):
    site = tmp_path / "site"
    assert build(township, site=site)[0].exit_code == 0
    old = tree(site)
    add_item(township)
    for _ in range(2):  # the second as warm as the builds below (result and page caches)
        started = time.monotonic()
        proc = cli_build(township, tmp_path / "reference")
        assert proc.wait(timeout=600) == 0
    took = time.monotonic() - started  # kills fall before, during and after the swap at the end
    new = tree(tmp_path / "reference")
    assert old != new

    watcher = Watcher(site)
    watcher.start()
    rng = random.Random(13)
    outcomes = []
    try:
        for _ in range(10):
            proc = cli_build(township, site)
            time.sleep(rng.uniform(0.05, took * 1.15))
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            now = tree(site)
            assert now in (old, new), sorted(set(now) ^ set(new))[:10]
            outcomes.append(now == new)
            old = now  # the next build starts from this site
        proc = cli_build(township, site)
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode()
    finally:
        watcher.stop.set()
        watcher.join()
    assert tree(site) == new
    assert watcher.looks > 100 and not watcher.missing, watcher.missing[:5]
    assert not (tmp_path / ".site.baosong-new").exists()  # what the killed builds left is gone
    assert previous_sites_deleted(site)
    print(f"killed builds: {len(outcomes)}, of which had swapped in the new site: {sum(outcomes)}")


def test_the_swap_is_one_atomic_exchange_here(tmp_path):
    """This machine's file system exchanges folders atomically (else the fallback's two renames are used)."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a")
    assert keep.exchange(a, b)
    assert (b / "x").read_text() == "a" and not (a / "x").exists()


def test_a_second_build_on_the_same_site_folder_is_refused(township, tmp_path):
    site = tmp_path / "site"
    assert build(township, site=site)[0].exit_code == 0
    before = tree(site)
    holder = keep.lock(site)  # as a running build holds it (an flock: a second open of the file conflicts)
    try:
        result, _ = build(township, site=site)
        assert result.exit_code == 1
        assert "另一个构建正在生成网站文件夹" in result.output and f"进程 {os.getpid()}" in result.output
        assert "Traceback" not in result.output
        assert tree(site) == before  # the running build's folder is left alone
        other = tmp_path / "other"
        assert build(township, site=other)[0].exit_code == 0  # another folder is not locked
    finally:
        keep.unlock(holder)
    assert build(township, site=site)[0].exit_code == 0


def test_a_build_in_another_process_holds_the_folder_until_it_ends(township, tmp_path):
    site = tmp_path / "site"
    code = "import sys, time; from baosong.site import keep; keep.lock(__import__('pathlib').Path(sys.argv[1]));"
    code += " print('locked', flush=True); time.sleep(600)"
    other = subprocess.Popen([sys.executable, "-c", code, str(site)], stdout=subprocess.PIPE, start_new_session=True)
    try:
        assert other.stdout.readline().strip() == b"locked"
        result, _ = build(township, site=site)
        assert result.exit_code == 1 and f"进程 {other.pid}" in result.output, result.output
        assert not site.exists() and not (tmp_path / ".site.baosong-new").exists()
    finally:
        os.killpg(other.pid, signal.SIGKILL)  # the kernel drops a dead process's lock
        other.wait()
    assert build(township, site=site)[0].exit_code == 0


def test_a_strict_build_with_warnings_does_not_replace_the_site(township, tmp_path):
    site = tmp_path / "site"
    assert build(township, site=site)[0].exit_code == 0
    before = tree(site)
    bad = sorted((township / "submissions").rglob("*.md"))[0]
    bad.write_text(bad.read_text(encoding="utf-8") + "\n[链接](没有这个文件.md)\n", encoding="utf-8")
    result, _ = build(township, "--strict", site=site)
    assert result.exit_code == 1, result.output
    assert tree(site) == before


def test_plain_mkdocs_build_goes_through_the_same_fresh_folder_and_lock(township, tmp_path):
    site = tmp_path / "site"
    env = {**os.environ, "BAOSONG_TODAY": TODAY}
    command = [str(BIN / "mkdocs"), "build", "-q", "-f", str(township / "mkdocs.yml"), "-d", str(site)]
    holder = keep.lock(site)
    try:
        held = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    finally:
        keep.unlock(holder)
    assert held.returncode != 0 and "另一个构建正在生成网站文件夹" in held.stderr, held.stderr
    assert not site.exists()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    assert (site / "index.html").is_file() and not (tmp_path / ".site.baosong-new").exists()


@pytest.mark.parametrize("fallback", ["two-renames", "mount-point"])
def test_the_fallbacks_publish_the_same_site(township, tmp_path, monkeypatch, fallback):
    """Where folders cannot be exchanged atomically (two renames), or the site folder is a mount point (its
    entries are exchanged one by one inside it), a rebuild still gives exactly the site a clean build gives."""
    site = tmp_path / "site"
    if fallback == "two-renames":
        monkeypatch.setattr(keep, "exchange", lambda a, b: False)
    else:
        monkeypatch.setattr(keep.os.path, "ismount", lambda p: os.fspath(p) == os.fspath(site))
    assert build(township, site=site)[0].exit_code == 0
    (site / ".git").mkdir()
    (site / "stray.html").write_text("旧", encoding="utf-8")
    add_item(township)
    assert build(township, site=site)[0].exit_code == 0
    monkeypatch.undo()
    assert build(township, site=tmp_path / "reference")[0].exit_code == 0
    assert previous_sites_deleted(site)
    built = tree(site)
    assert (site / ".git").is_dir() and "stray.html" not in built
    assert built == tree(tmp_path / "reference")
    leftovers = {p.name for p in [*tmp_path.iterdir(), *site.iterdir()] if "baosong" in p.name}
    assert leftovers <= {".site.baosong-lock", ".reference.baosong-lock", ".baosong-lock"}
