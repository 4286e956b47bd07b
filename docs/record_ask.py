"""Record a scripted `zhisuan ask` session as docs/ask-session.svg (rich's console export).

Run: python docs/record_ask.py   (regenerate after changing the questionnaire or the rules)

The session runs in-process with typed answers fed in; what the buyer would see, questions,
answers and the final ranking, is drawn into an SVG terminal.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.text import Text  # noqa: E402

from engine.cli.app import raw_main  # noqa: E402
from engine.cli.env import Environment  # noqa: E402

TYPED = ["3", "?", "", "2", "back", "1", "manufacturing", "done"]


class _Keyboard:
    """Standard input that types the scripted answers and echoes them, as a terminal would."""

    def __init__(self, out: io.StringIO) -> None:
        self.out, self.lines = out, list(TYPED)

    def readline(self) -> str:
        line = self.lines.pop(0) if self.lines else ""
        self.out.write(line + "\n")
        return line + "\n" if line or self.lines else "\n"

    def isatty(self) -> bool:
        return True


def main() -> None:
    """Run the session and write the SVG."""
    out = io.StringIO()
    sys.stdin = _Keyboard(out)  # the session reads sys.stdin
    code = raw_main(["ask", "--lang", "en", "--draws", "0", "--top", "3"], Environment(stdout=out, stderr=out, width=100))
    assert code == 0, out.getvalue()
    console = Console(record=True, width=100, file=io.StringIO(), force_terminal=True)
    console.print(Text("$ zhisuan ask --lang en --draws 0 --top 3\n" + out.getvalue()))
    (ROOT / "docs" / "ask-session.svg").write_text(console.export_svg(title="zhisuan ask"), encoding="utf-8")


if __name__ == "__main__":
    main()
