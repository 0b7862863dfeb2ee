"""What a 填报 page embeds and how long a forge link may be (site/form): plain Python, no browser."""

from __future__ import annotations

import json
import sys
from datetime import date

from baosong.site.form import MAX_COOKIE_BYTES, cookie_bytes, fits
from baosong.site.form.data import odd_ranges, person, script_json
from baosong.township.charnames import kind_of
from baosong.township.registry import Person


def test_odd_ranges_are_the_characters_f14_reports_in_a_value():
    inside = {cp for first, last in odd_ranges() for cp in range(first, last + 1)}
    expected = {cp for cp in range(sys.maxunicode + 1) if chr(cp) not in " \t\n\u3000\x00" and kind_of(chr(cp))}
    assert inside == expected
    assert 0x200B in inside and 0xA0 in inside and 0x3000 not in inside and 0xE0001 in inside


def test_a_person_on_the_page_has_no_phone_and_no_account():
    p = Person("李春艳", git="licy", title="文书", phone="13800000101", since=date(2021, 6, 1))
    assert person(p) == {"name": "李春艳", "title": "文书", "since": "2021-06-01", "until": ""}


def test_script_json_cannot_close_its_element():
    text = str(script_json({"t": "</script><!-- & \u2028"}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><!-- & \u2028"}


def test_cookie_bytes_as_gitea_escapes_the_url():
    # "redirect_to" (11) + "/a" (3 + 1) + "?" (3) + "b" + "=" (3) + "%E4" (5: the % is escaped again, %25E4)
    assert cookie_bytes("https://git.example/a?b=%E4") == 11 + 4 + 3 + 1 + 3 + 5
    chinese = "%E5%8B%90" * 260  # 260 Chinese characters: 15 bytes each in the cookie
    assert cookie_bytes("https://g/_new/main/x?value=" + chinese) > MAX_COOKIE_BYTES
    assert fits("https://g/_new/main/x?value=" + chinese[: 9 * 200])


def test_page_data_is_the_same_whatever_the_hash_seed():
    """The pages are rebuilt only when their inputs change (render.py): their data must not depend on set order."""
    import os
    import subprocess

    code = (
        "import json; from baosong.township.rules import Rules; from baosong.site.form.scanner_data import scanner_data;"
        "print(json.dumps(scanner_data(Rules())['labels'], ensure_ascii=False))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, check=True
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
