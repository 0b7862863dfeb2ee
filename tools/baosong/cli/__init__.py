"""The `baosong` command line: thin click commands, each calling one function of its flow."""

from .cli import main

__all__ = ["main"]
