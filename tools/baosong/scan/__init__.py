"""Content scanners' building blocks: normalised text, number finding, validators, masks, patterns.

The checks in ``baosong.checks.sensitive`` (S01–S07) and ``baosong.checks.html`` (S08, F12) turn what
these modules find into findings. Everything here is pure (text in, hits out) except ``render`` (the
render worker processes, ``html_worker``, under ``limits``) and ``store`` (their HTML, kept by content
hash). Nothing is imported here, so the worker starts without the validator.
"""
