"""A change reviewed on git: its history, the base's rules, C01-C06, the pre-receive hook, CODEOWNERS."""
