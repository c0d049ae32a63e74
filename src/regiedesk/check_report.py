"""A check's outcome, a line each: `regiedesk check` and `regiedesk-server check` alike."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CheckReport:
    lines: list[tuple[bool, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(ok for ok, _ in self.lines)

    def add(self, ok: bool, text: str) -> None:
        self.lines.append((ok, text))
