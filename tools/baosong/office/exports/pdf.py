"""Check what is printed: a .docx to PDF with LibreOffice, the PDF read back with poppler (pdftotext,
pdftoppm). Used by the slow paperwork test and ``scripts/render_paperwork.py``, not by the product.

Debian packages: ``libreoffice-writer-nogui``, ``poppler-utils``, ``fonts-noto-cjk`` (``.ci/run`` installs them).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def soffice() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: Path, outdir: Path, timeout: int = 180) -> Path:
    """Convert ``docx`` into ``outdir``/<stem>.pdf with a private LibreOffice profile (runs in parallel
    do not share one). Raises RuntimeError with LibreOffice's output when no PDF appears."""
    command = soffice()
    if command is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        done = subprocess.run(
            [
                command,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    pdf = outdir / f"{Path(docx).stem}.pdf"
    if not pdf.is_file():
        raise RuntimeError(f"no PDF from {docx}: {done.stdout}{done.stderr}")
    return pdf


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class Page:
    number: int  # 1-based
    width: float  # pt
    height: float
    words: list[Word]

    @property
    def text(self) -> str:
        """The page's words joined without spaces (LibreOffice spaces CJK from digits; a check should not care)."""
        return "".join(w.text for w in self.words)

    def lines(self, tolerance: float = 3) -> list[list[Word]]:
        """Words grouped into lines by their top edge, top to bottom, left to right."""
        out: list[list[Word]] = []
        for word in sorted(self.words, key=lambda w: (round(w.y0), w.x0)):
            if out and abs(out[-1][0].y0 - word.y0) <= tolerance:
                out[-1].append(word)
            else:
                out.append([word])
        return [sorted(line, key=lambda w: w.x0) for line in out]


def pages(pdf: Path) -> list[Page]:
    """Every page with its words and their boxes (``pdftotext -bbox``; points, y from the top)."""
    done = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True)
    out = []
    for n, match in enumerate(PAGE.finditer(done.stdout), start=1):
        words = [
            Word(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in WORD.findall(match[3])
        ]
        out.append(Page(n, float(match[1]), float(match[2]), words))
    return out


def first_page_png(pdf: Path, out: Path, dpi: int = 80) -> Path:
    """Page 1 of ``pdf`` as ``out`` (.png), for a person to look at."""
    stem = out.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)], check=True
    )
    return stem.with_suffix(".png")
