"""The checks: one function per code, registered in registration.py by the modules imported here."""

from . import corpus, fields, html, links, sensitive, timeliness, untouched  # noqa: F401 (each registers its checks)
from .registration import (  # noqa: F401 (the package's names)
    CORPUS_CHECKS,
    ITEM_CHECKS,
    NEEDS_OTHER_ITEMS,
    Context,
    CorpusCheck,
    ItemCheck,
    corpus_check,
    item_check,
    run_corpus_checks,
    run_item_checks,
)
