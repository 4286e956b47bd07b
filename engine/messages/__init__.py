"""Every user-visible string, errors and hints included, in Chinese and English: the one catalogue.

It sits at the bottom of the layers (beside `errors`): the loader and the models raise errors
that carry a `Msg` (a key and its values); the command line renders it in the user's language.
The texts live by area: `help` (command-line help), `diagnostics` (errors and their hints),
`output` (what results say); a key is unique across all three. A message that counts (`{n}`) may
have its singular as `KEY_one`, which `msg` takes when `n` is 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import DIAGNOSTICS
from .help import HELP
from .output import OUTPUT

MESSAGES: dict[str, tuple[str, str]] = {**HELP, **DIAGNOSTICS, **OUTPUT}


@dataclass(frozen=True)
class Msg:
    """A catalogue message not yet rendered: its key and the values it takes."""

    key: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The message in `lang`; values that are themselves messages (or errors, which carry one) are rendered too."""
        values = {k: (v.text(lang) if isinstance(v, Msg) else v.message_in(lang) if hasattr(v, "message_in") else v)
                  for k, v in self.params.items()}
        return msg(self.key, lang, **values)

    def __str__(self) -> str:
        return self.text("en")


def M(key: str, /, **params: object) -> Msg:  # noqa: N802 - short on purpose at raise sites
    """A message for `key` with `params`, rendered later in the user's language."""
    if key not in MESSAGES:
        raise KeyError(f"no message {key!r} in the catalogue")
    return Msg(key, params)


def msg(key: str, lang: str, /, **kwargs: object) -> str:
    """The message `key` in `lang`, formatted with kwargs; its singular `KEY_one`, when there is one, for a count `n` of 1."""
    if kwargs.get("n") == 1 and f"{key}_one" in MESSAGES:
        key = f"{key}_one"
    zh, en = MESSAGES[key]
    return (zh if lang == "zh" else en).format(**kwargs)


def library_words(prefix: str, text: str) -> "Msg | str":
    """A library's own problem `text` (json's, YAML's) as the catalogue message under `prefix` whose English is
    those very words, so that it reads in the user's language; the text itself when the catalogue has none."""
    for key, (_zh, en) in MESSAGES.items():
        if key.startswith(prefix) and en.replace("{{", "{").replace("}}", "}") == text:  # these take no values
            return Msg(key)
    return text


def joined(items, lang: str) -> str:
    """Items as one list in `lang` (`A、B` in Chinese, `A, B` in English)."""
    return msg("list_sep", lang).join(items)


def value_label(value: str, lang: str) -> str:
    """A track, type or status value in `lang` (the raw value if it has no label)."""
    key = f"value.{value}"
    return msg(key, lang) if key in MESSAGES else value
