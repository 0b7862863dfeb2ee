"""``baosong fix`` is safe on any tree (issue 13.6): no link followed in any path component, writes through a
temporary file and one rename, hard-linked files refused, and only GBK/GB18030 and UTF-16 converted."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from baosong.cli.main import cli
from baosong.township import charset
from baosong.write import fix
from conftest import item_text

ITEM = "submissions/mengwang/2026/2026-11-25-安全生产会议.md"


def run(root, *args):
    return CliRunner().invoke(cli, ["fix", *map(str, args), "--root", str(root)], catch_exceptions=False)


def gbk_item(**fields) -> bytes:
    return item_text(**fields).encode("gbk")


def test_a_committed_symlinked_year_folder_is_never_written_through(township, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "2027-01-05-会议.md"
    victim.write_bytes(gbk_item(date="2027-01-05", event_date="2027-01-05"))
    (township.root / "submissions/mengwang").mkdir(parents=True)
    os.symlink(elsewhere, township.root / "submissions/mengwang/2027")
    before = victim.read_bytes()
    result = run(township.root, "submissions/mengwang/2027/2027-01-05-会议.md")
    assert result.exit_code == 1 and "“submissions/mengwang/2027”是符号链接" in result.output, result.output
    for args in (["submissions/mengwang/2027"], ["submissions"], ["submissions/mengwang"]):
        run(township.root, *args)
    assert victim.read_bytes() == before
    assert sorted(p.name for p in elsewhere.iterdir()) == ["2027-01-05-会议.md"]  # no temporary file there either


def test_a_symlinked_unit_folder_and_a_linked_file_are_refused(township, tmp_path):
    outside = tmp_path / "outside"
    (outside / "2026").mkdir(parents=True)
    victim = outside / "2026" / "2026-11-25-会议.md"
    victim.write_bytes(gbk_item())
    (township.root / "submissions").mkdir(parents=True)
    os.symlink(outside, township.root / "submissions/mengwang")
    result = run(township.root, "submissions/mengwang/2026/2026-11-25-会议.md")
    assert result.exit_code == 1 and "“submissions/mengwang”是符号链接" in result.output
    assert victim.read_bytes() == gbk_item()
    os.symlink(victim, township.root / "submissions/link.md")
    assert "符号链接" in run(township.root, "submissions/link.md").output
    assert victim.read_bytes() == gbk_item()


def test_a_hard_linked_file_is_refused_with_a_message(township, tmp_path):
    path = township.write(ITEM, gbk_item())
    other = tmp_path / "another-name.md"
    os.link(path, other)
    result = run(township.root, ITEM)
    assert result.exit_code == 1 and "2 个硬链接" in result.output
    assert path.read_bytes() == other.read_bytes() == gbk_item()


def test_the_fixed_file_replaces_the_old_one_in_one_rename(township):
    path = township.write(ITEM, gbk_item())
    os.chmod(path, 0o640)
    inode = path.stat().st_ino
    result = run(township.root, ITEM)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == item_text()
    assert path.stat().st_ino != inode  # a new file renamed over the old one, not written in place
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary file left


def test_an_edit_during_the_fix_wins_over_the_fix(township, monkeypatch):
    """A hook in the real run: the reporter saves the file after fix has read it and before it writes."""
    path = township.write(ITEM, gbk_item())
    real = fix.fix_bytes

    def fix_then_someone_saves(raw, allowed=None):
        out = real(raw, allowed)
        path.write_text(item_text(title="勐往村召开安全生产会议（已手工改好）"), encoding="utf-8")
        return out

    monkeypatch.setattr(fix, "fix_bytes", fix_then_someone_saves)
    result = run(township.root, ITEM)
    assert result.exit_code == 1 and "修复期间文件被改动" in result.output
    assert "已手工改好" in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_killed_fixes_leave_the_old_file_or_the_new_one(township):
    """Real ``baosong fix`` processes killed at random moments: the file is never truncated or mixed."""
    body = "\n".join(f"第{i}段：全乡各村按照部署开展安全生产大检查，排查隐患，落实整改。" for i in range(4000))
    old = item_text(body=body + "\n").encode("gbk")
    new = item_text(body=body + "\n").encode("utf-8")
    path = township.write(ITEM, old)
    rng = random.Random(13)
    command = [str(sys.executable), "-m", "baosong", "fix", ITEM, "--root", str(township.root)]
    seen = set()
    for _ in range(8):
        path.write_bytes(old)
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.2, 1.5))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        now = path.read_bytes()
        assert now in (old, new), len(now)
        seen.add(now == new)
    print("killed fixes that had written:", seen)
    assert not [p for p in path.parent.iterdir() if p.name != path.name and not p.name.startswith(".")]


@pytest.mark.parametrize(
    ("text", "encoding", "label"),
    [
        (
            "---\ntitle: 東京都で安全会議を開催しました\n---\n本日、東京都庁で安全に関する会議が開かれました。参加者は約五十名でした。\n",
            "shift_jis",
            "Shift-JIS",
        ),
        (
            "---\ntitle: 東京都で安全会議を開催しました\n---\n本日、東京都庁で安全に関する会議が開かれました。参加者は約五十名でした。\n",
            "euc_jp",
            "",  # short EUC-JP and EUC-KR share byte ranges: named either way, refused all the same
        ),
        (
            "---\ntitle: 서울시 안전 회의 개최\n---\n오늘 서울시청에서 안전에 관한 회의가 열렸습니다. 참가자는 약 오십 명이었습니다.\n",
            "euc_kr",
            "EUC-KR",
        ),
        (
            "---\ntitle: 臺北市召開安全生產會議\n---\n今天臺北市政府召開安全生產工作會議，會議強調要落實責任，確保轄區平安。\n",
            "big5",
            "Big5",
        ),
    ],
)
def test_other_encodings_are_named_and_never_converted(township, text, encoding, label):
    path = township.write(ITEM, text.encode(encoding))
    result = run(township.root, ITEM)
    assert result.exit_code == 1 and label in result.output and "另存为 UTF-8" in result.output, result.output
    assert path.read_bytes() == text.encode(encoding)
    assert "不能可靠地自动转换" in result.output and "转换为 UTF-8" not in result.output


@pytest.mark.parametrize(
    ("encoding", "title"),
    [
        ("gbk", "勐往村召开安全生产工作会议"),
        ("gb18030", "勐往村召开安全生产会议𠀀㐀"),  # characters only GB18030 (not GBK) can encode
        ("gb2312", "勐往村召开安全生产工作会议"),
        ("utf-16", "勐往村召开安全生产工作会议"),
        ("utf-16-le", "勐往村召开安全生产工作会议"),
        ("utf-16-be", "勐往村召开安全生产工作会议"),
    ],
)
def test_gb_and_utf16_files_are_converted(township, encoding, title):
    text = item_text(title=title)
    if encoding == "gb2312":
        text = text.replace("勐", "孟")  # 勐 is not in GB2312
    path = township.write(ITEM, text.encode(encoding))
    result = run(township.root, ITEM)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == text


def test_short_gbk_is_still_recognised_and_a_guess_is_a_guess():
    assert charset.guess("---\ntitle: 勐往村召开会议\n---\n会议。\n".encode("gbk")).codec == "gb18030"
    assert charset.guess(bytes(range(128, 256)) * 3).codec is None
