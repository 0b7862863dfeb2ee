"""``baosong import``: a Word document (.docx) into one item with its images.

The pipeline, one module per step:
``source`` (refuse what is not a readable .docx, zip bombs included) → ``prepare`` (the document XML made
ready: ``textboxes`` lifted into the text flow, ``numbering`` written as text, the ``masthead`` (版头) taken
out and its headline marked; 版头, headers, footers and comments read for ``outside``'s scanners)
→ ``convert`` (mammoth to HTML, images collected)
→ ``blocks`` (HTML to paragraphs, lists, tables) → ``habits`` (Word habits: title, signature,
soft breaks, manual numbering) → ``render`` (Markdown) → ``build`` (front matter, files, validation).
"""

from __future__ import annotations

from .build import ImportOptions, ImportResult, import_docx
from .source import ImportRefused

__all__ = ["ImportOptions", "ImportRefused", "ImportResult", "import_docx"]
