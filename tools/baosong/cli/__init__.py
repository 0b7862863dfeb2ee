"""The `baosong` command line: thin click commands, each calling one function of its flow."""

from .main import main

__all__ = ["main"]
