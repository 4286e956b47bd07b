"""A live count of a batch's records on a terminal's stderr, removed when the batch is done."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


class Counter:
    """Context manager: a spinner, `label`, the count and the time; entering it gives the function that counts one."""

    def __init__(self, stream, label: str) -> None:
        self._progress = Progress(
            SpinnerColumn(), TextColumn(label), BarColumn(), TextColumn("{task.completed}"), TimeElapsedColumn(),
            console=Console(file=stream, force_terminal=True), transient=True,
        )
        self._task = None

    def __enter__(self):
        self._progress.__enter__()
        self._task = self._progress.add_task("", total=None)
        return lambda: self._progress.advance(self._task)

    def __exit__(self, *exc) -> None:
        self._progress.__exit__(*exc)
