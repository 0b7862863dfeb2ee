"""Content scanners' building blocks: normalised text, number finding, validators, masks, patterns.

The checks in ``baosong.checks.sensitive`` (S01–S07) and ``baosong.checks.html`` (S08) turn what these
modules find into findings. Everything here is pure (text in, hits out) except ``render``, which
runs S08's worker process. Nothing is imported here, so the worker starts without the validator.
"""
