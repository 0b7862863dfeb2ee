"""Render what the office prints, so that a person can look at it: the quarter's circular, a unit's
《信息员登记表》 (the change form when the unit has a change) and a bulletin, each as .docx, .pdf (LibreOffice)
and page 1 as .png (pdftoppm).

    .venv/bin/python scripts/render_paperwork.py [--root .] [--quarter 2026Q3] [--unit baka] [--issue 2026-12]
                                                 [--today 2026-11-25] [--doc-number 12] [--out /tmp/paperwork]

Needs Debian's libreoffice-writer-nogui, poppler-utils and fonts-noto-cjk. Prints the files it wrote.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from click.testing import CliRunner

from baosong.cli.main import cli
from baosong.office.exports import pdf as pdftools


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=".", help="the township repository (default: here)")
    parser.add_argument("--quarter", default="2026Q3")
    parser.add_argument("--unit", default="baka", help="unit id for the roster form")
    parser.add_argument("--issue", default="", help="bulletin issue (default: the last one)")
    parser.add_argument("--today", default="2026-11-25")
    parser.add_argument("--doc-number", default="12")
    parser.add_argument("--out", default="/tmp/paperwork")
    args = parser.parse_args(argv)
    if pdftools.soffice() is None:
        print("LibreOffice is not installed: apt-get install libreoffice-writer-nogui poppler-utils", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    common = ["--root", args.root, "--today", args.today]
    runner = CliRunner()
    issue = args.issue
    if not issue:
        listing = runner.invoke(cli, ["bulletin", *common]).output.strip().splitlines()
        issue = listing[-1].split("：", 1)[0] if listing and "：" in listing[-1] else ""
    form = ["roster", "--unit", args.unit, "--docx", str(out / "form.docx")]
    change = runner.invoke(cli, [*form, "--change", *common])
    jobs = [
        (
            "circular",
            ["stats", "--quarter", args.quarter, "--doc-number", args.doc_number, "--docx", str(out / "circular.docx")],
        ),
        ("form", form if change.exit_code else None),
        ("bulletin", ["bulletin", "--issue", issue, "--docx", str(out / "bulletin.docx")] if issue else None),
    ]
    for name, command in jobs:
        if command is not None:
            result = runner.invoke(cli, [*command, *common])
            if result.exit_code:
                print(f"{name}: {result.output.strip()}", file=sys.stderr)
                continue
        docx = out / f"{name}.docx"
        if not docx.is_file():
            continue
        pdf = pdftools.to_pdf(docx, out)
        png = pdftools.first_page_png(pdf, out / f"{name}-page1.png")
        print(f"{name}: {docx}  {pdf} ({len(pdftools.pages(pdf))} pages)  {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
