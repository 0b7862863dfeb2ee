"""Severities of a finding and their Chinese words (SPEC §3: an error blocks a merge, a warning does not)."""

ERROR = "error"
WARNING = "warning"
SEVERITY_ZH = {ERROR: "错误", WARNING: "提醒"}
