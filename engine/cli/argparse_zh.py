"""Chinese for argparse's own words (usage, options, its error messages) under --lang zh."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项有歧义：%(option)s 可匹配 %(matches)s",
    # our own argument checks, translated the same way
    "must be 1 or more": "必须不小于 1",
    "must be a whole number": "必须是整数",
    "must be from 0 to 100000": "必须在 0 到 100000 之间",
    "must be a number from 0 to 1": "必须是 0 到 1 之间的数",
    "must be a whole number from 1 to 64": "必须是 1 到 64 之间的整数",
}


def words(text: str) -> str:
    """`text` in the language argparse is speaking now."""
    return argparse._(text) if hasattr(argparse, "_") else text


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """While active, argparse's built-in strings come out in `lang` (zh, or unchanged).

    argparse looks its strings up through its module-level gettext alias `_` at call time,
    so replacing that alias is enough; a string missing here stays in English.
    """
    if lang != "zh" or not hasattr(argparse, "_"):
        yield
        return
    original = argparse._
    argparse._ = lambda text: ZH.get(text, original(text))
    try:
        yield
    finally:
        argparse._ = original
