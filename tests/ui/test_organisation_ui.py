"""What the organisation file sets, the window shows greyed out; a bad file stops the start."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox

from regiedesk import i18n
from regiedesk.organisation import load_organisation
from regiedesk.ui import app as desktop
from regiedesk.ui.dialogs import ConnectDialog, SettingsDialog
from regiedesk.ui.settings import Settings
from regiedesk.ui.unlock import StartPage

FIXED = "ingesteld door uw organisatie"


def settings_under(tmp_path: Path, text: str) -> Settings:
    path = tmp_path / "organisation.toml"
    path.write_text(text, encoding="utf-8")
    backend = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return Settings(backend, organisation=load_organisation(path))


def notes(dialog: SettingsDialog) -> list[QLabel]:
    return [label for label in dialog.findChildren(QLabel) if label.text() == FIXED]


def test_fixed_settings_are_greyed_out_and_win(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = settings_under(
        tmp_path,
        '[organisation]\nname = "Jeugdzorg Oost"\n[policy]\nidle_lock_minutes = 3\n'
        'instrument = "zrm2010"\n',
    )
    settings.idle_lock_minutes = 60  # what an older version or the user once chose
    settings.instrument = "zrm2017"
    assert (settings.idle_lock_minutes, settings.instrument) == (3, "zrm2010")
    dialog = SettingsDialog(settings, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.idle.isEnabled() and dialog.idle.value() == 3
    assert not dialog.instrument.isEnabled() and dialog.instrument.currentData() == "zrm2010"
    assert dialog.language.isEnabled()  # the organisation leaves the language to the user
    assert len(notes(dialog)) == 2 and all(label.isVisible() for label in notes(dialog))
    assert dialog.idle.accessibleDescription() == FIXED
    assert any(label.text() == "Jeugdzorg Oost" for label in dialog.findChildren(QLabel))


def test_without_an_organisation_everything_is_the_users(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = settings_under(tmp_path, "")
    settings.idle_lock_minutes = 60
    dialog = SettingsDialog(settings, tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.idle.isEnabled() and dialog.idle.value() == 60 and not notes(dialog)


def test_a_preset_server_asks_only_name_and_password(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = settings_under(tmp_path, '[server]\nurl = "https://regiedesk.oost.nl"\n')
    dialog = ConnectDialog(settings.server_url, server_fixed=settings.fixed("server_url"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    visible = [field.accessibleName() for field in dialog.findChildren(QLineEdit)
               if field.isVisible()]  # fmt: skip
    assert "Adres van de server" not in visible
    assert visible[:2] == ["Gebruikersnaam", "Wachtwoord voor de server"]
    assert dialog.user.hasFocus()
    dialog.user.setText("anna")
    assert dialog.values()[:2] == ("https://regiedesk.oost.nl", "anna")


def test_the_start_page_asks_the_organisations_minimum(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = StartPage(minimum=16)
    qtbot.addWidget(page)
    page.first.setText("vijftien tekens")  # 15
    page.second.setText("vijftien tekens")
    assert page.hint.text() == "Te kort: minstens 16 tekens."
    page.create_button.click()
    assert "minstens 16 tekens" in page.error.text()


def test_a_bad_file_stops_the_start_with_its_line(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "organisation.toml"
    bad.write_text("[policy]\nidle_lock_minutes = 0\n", encoding="utf-8")
    monkeypatch.setenv("REGIEDESK_ORGANISATION_FILE", str(bad))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    logs = tmp_path / "logs"
    try:
        code = desktop.run(["--data-dir", str(tmp_path / "data"), "--log-dir", str(logs)])
    finally:
        i18n.set_language(None)  # run() set the process's language, as a real start does
    assert code == 1
    assert len(shown) == 1 and f"{bad}, regel 2" in shown[0] and "1 tot en met 120" in shown[0]
    assert not (tmp_path / "data").exists()
    assert f"organisation file {bad} refused (line 2)" in (logs / "regiedesk.log").read_text()
