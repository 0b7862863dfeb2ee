"""baosong: a township's information reporting (政务信息报送) run as a git repository."""

__version__ = "0.1.0"
