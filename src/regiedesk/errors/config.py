"""The errors of the organisation's settings file and of reports (exit code 2)."""

from __future__ import annotations

from .base import RegiedeskError


class ConfigError(RegiedeskError):
    exit_code = 2


class OrganisationFileError(ConfigError):
    """The organisation's settings file cannot be used; nothing of it is applied."""

    def __init__(self, path: str, line: int | None, nl: str, en: str) -> None:
        self.path, self.line = path, line
        self.reason_nl, self.reason_en = nl, en
        where_nl = f"{path}, regel {line}" if line else path
        where_en = f"{path}, line {line}" if line else path
        super().__init__(
            f"Het organisatiebestand {where_nl} is niet in orde: {nl}. regiedesk start pas "
            "als het klopt; vraag de ICT-afdeling het te herstellen.",
            f"The organisation file {where_en} is not right: {en}. regiedesk starts only "
            "once it is; ask your IT department to fix it.",
        )


# --- reports -------------------------------------------------------------------


class ReportError(RegiedeskError):
    """A report cannot be written where it was asked (the file exists, the folder is the
    profile's). Nothing was written and nothing was logged."""

    exit_code = 2
