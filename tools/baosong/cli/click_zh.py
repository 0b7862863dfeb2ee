"""Click's own words (usage, help, errors) in Chinese, for everyone who runs ``baosong``.

Click marks its messages for gettext (``from gettext import gettext as _`` in each module) but ships no
Chinese catalogue; ``install()`` points those module-level ``_``/``ngettext`` names at this table, so the
message ids stay click's and anything not listed passes through unchanged.
"""

from __future__ import annotations

import importlib

MESSAGES = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Aborted!": "已中止。",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "No such option: {name}": "没有这个选项：{name}",
    "No such command {name!r}.": "没有“{name}”这个命令。",
    "Missing command.": "缺少命令。",
    "Missing option": "缺少选项",
    "Missing argument": "缺少参数",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值不对：{message}",
    "Invalid value: {message}": "值不对：{message}",
    "Option {name!r} does not take a value.": "选项“{name}”后面不能跟值。",
    "Option {name!r} requires an argument.": "选项“{name}”后面要写一个值。",
    "Argument {name!r} takes {nargs} values.": "参数“{name}”要写 {nargs} 个值。",
    "Choose from:\n\t{choices}": "请从这些里选：\n\t{choices}",
    "{value!r} is not {choice}.": "“{value}”不是 {choice}。",
    "{value!r} is not one of {choices}.": "“{value}”不是 {choices} 之一。",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的{number_type}。",
    "{value!r} is not a valid boolean.": "“{value}”不是有效的是/否值。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a file.": "{name}“{filename}”是文件，不是文件夹。",
    "{name} {filename!r} is a directory.": "{name}“{filename}”是文件夹，不是文件。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”没有读权限。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”没有写权限。",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "unknown error": "未知错误",
}
PLURALS = {  # ngettext pairs whose two forms say different things
    "Did you mean {possibility}?": "是不是“{possibility}”？",
    "(Possible options: {possibilities})": "（可能是：{possibilities}）",
}
MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types")


def gettext(message: str) -> str:
    """``message`` (a click message id) in Chinese, or unchanged when the table has none."""
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form click chose by ``n``, in Chinese (click's two forms often differ in more than number)."""
    message = singular if n == 1 else plural
    return PLURALS.get(message) or MESSAGES.get(message, message)


def install() -> None:
    """Point click's modules at this table (idempotent; run before any command is built)."""
    for name in MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
