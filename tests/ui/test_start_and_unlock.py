from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from regiedesk.services.families import FamilyService
from regiedesk.store import create_profile
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow

from ..conftest import FAST_KDF
from .closing import close_profile
from .conftest import PASSPHRASE, button, by_name


def test_first_start_makes_a_profile(qtbot, window: MainWindow, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    assert window.pages.currentWidget() is window.start_page
    first = by_name(window, "Nieuw wachtwoord", QLineEdit)
    second = by_name(window, "Herhaal wachtwoord", QLineEdit)
    qtbot.keyClicks(first, "kort")
    assert "Te kort" in window.start_page.hint.text()
    qtbot.keyClicks(second, "kort")
    qtbot.mouseClick(button(window, "Profiel maken"), Qt.MouseButton.LeftButton)
    assert "10 tekens" in window.start_page.error.text()
    first.clear()
    second.clear()
    qtbot.keyClicks(first, PASSPHRASE)
    qtbot.keyClicks(second, PASSPHRASE)
    qtbot.mouseClick(button(window, "Profiel maken"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.caseload, timeout=10_000)
    assert (context.data_dir / "profile.key").exists()
    assert context.services is not None


def make_profile(data_dir: Path) -> None:
    store = create_profile(data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    FamilyService(store).add_family(name="Gezin Ontgrendeld", status="actief")
    store.close()


def test_unlock_wrong_then_right(qtbot, tmp_path: Path, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    make_profile(context.data_dir)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    assert window.pages.currentWidget() is window.unlock_page
    field = by_name(window, "Wachtwoord", QLineEdit)
    qtbot.keyClicks(field, "helemaal verkeerd")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "klopt niet" in window.unlock_page.error.text(), timeout=10_000)
    assert window.pages.currentWidget() is window.unlock_page
    field.clear()
    qtbot.keyClicks(field, PASSPHRASE)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 1, timeout=10_000)
    assert window.caseload.model.rows[0].name == "Gezin Ontgrendeld"
    assert field.text() == ""  # the passphrase does not linger in the widget
    close_profile(context)


def test_repeated_wrong_passphrases_make_the_next_try_wait(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    make_profile(context.data_dir)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    field = by_name(window, "Wachtwoord", QLineEdit)
    for attempt in range(3):
        field.clear()
        qtbot.keyClicks(field, f"fout nummer {attempt}")
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda a=attempt: window.unlock_page.failures == a + 1, timeout=10_000)
    page = window.unlock_page
    assert "Wacht nog 2 seconden" in page.error.text()
    assert "klopt niet" in page.error.text()
    assert not page.button.isEnabled()
    assert field.text() == ""  # the wrong one is gone: typing starts a new entry
    qtbot.keyClicks(field, "nieuwe poging")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # during the wait: not tried
    assert field.text() == "nieuwe poging" and page.failures == 3
    page._wait.timeout.emit()  # a second passes: the count goes down where it is seen
    assert "Wacht nog 1 seconde voor" in page.error.text() and not page.button.isEnabled()
    qtbot.waitUntil(page.button.isEnabled, timeout=5_000)
    assert "U kunt het opnieuw proberen" in page.error.text()
    assert not page._wait.isActive()
    qtbot.keyClick(field, Qt.Key.Key_Return)  # the entry typed during the wait is tried now
    qtbot.waitUntil(lambda: page.failures == 4, timeout=10_000)
    assert field.text() == "" and "Wacht nog 4 seconden" in page.error.text()


def test_idle_lock_clears_every_model(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    make_profile(context.data_dir)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    field = by_name(window, "Wachtwoord", QLineEdit)
    qtbot.keyClicks(field, PASSPHRASE)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 1, timeout=10_000)
    window.caseload.table.selectRow(0)
    window.open_family(window.caseload.model.rows[0].family_id)
    assert window.workspace is not None
    window.idle.set_minutes(0.002)  # about 120 ms
    window.idle.timer.start()
    with qtbot.waitSignal(window.locked, timeout=5_000):
        pass
    assert window.pages.currentWidget() is window.unlock_page
    assert window.caseload.model.rowCount() == 0
    assert window.workspace is None
    assert context.services is None
    qtbot.waitUntil(lambda: context.worker.idle)


def test_typing_keeps_the_idle_lock_away(qtbot, context: AppContext) -> None:  # type: ignore[no-untyped-def]
    import time

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    make_profile(context.data_dir)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    unlock_field = by_name(window, "Wachtwoord", QLineEdit)
    qtbot.keyClicks(unlock_field, PASSPHRASE)
    qtbot.keyClick(unlock_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 1, timeout=10_000)
    window.idle.set_minutes(0.005)  # 300 ms
    window.idle.timer.start()
    window.caseload.search.setFocus()
    end = time.monotonic() + 1.0
    while time.monotonic() < end:  # someone typing, a key every 50 ms, for three periods
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_A)  # as the window system sends it
        QApplication.processEvents()
        time.sleep(0.05)
    assert context.services is not None  # still open
    with qtbot.waitSignal(window.locked, timeout=5_000):
        pass  # and locked once the typing stops
    qtbot.waitUntil(lambda: context.worker.idle)


def test_the_practice_environment_opens_with_made_up_families(
    qtbot, window: MainWindow, context: AppContext
) -> None:  # type: ignore[no-untyped-def]
    from regiedesk.store.keys import KeyEnvelope
    from regiedesk.ui.context import PRACTICE_KDF
    from regiedesk.ui.sync import SyncState

    assert window.pages.currentWidget() is window.start_page
    qtbot.mouseClick(button(window, "Oefenomgeving openen"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 12, timeout=30_000)
    assert window.context.profile_dir == context.practice_dir
    assert not (context.data_dir / "profile.key").exists()  # the real profile is untouched
    envelope = KeyEnvelope.from_bytes(
        (context.practice_dir / "profile.key").read_bytes(), source="practice"
    )
    assert envelope.kdf == PRACTICE_KDF  # its passphrase is public: no costly Argon2id
    assert window.sync.status.state is SyncState.NOT_CONNECTED  # practice data never syncs
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.caseload.model.rowCount() == 0
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.start_page, timeout=10_000)
    qtbot.mouseClick(button(window, "Oefenomgeving openen"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 12, timeout=10_000)  # reopened


def test_the_start_page_gives_its_wrapped_text_room(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.resize(1200, 780)
    page = window.start_page
    qtbot.waitExposed(window)
    page.show_error("Er ging iets mis. " * 12)  # a long message wraps over several lines

    def settled() -> bool:  # the layout settles on the event loop (later on a busy machine)
        labels = all(
            label.height() >= label.heightForWidth(label.width())
            for label in (page.intro, page.error)
        )
        return labels and all(
            f.height() >= f.sizeHint().height() for f in (page.first, page.second)
        )

    qtbot.waitUntil(settled, timeout=5_000)


def test_a_guessable_passphrase_is_refused_with_a_hint(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, context: AppContext
) -> None:
    page = window.start_page
    for weak, why in (
        ("wachtwoord", "veelgebruikt wachtwoord"),
        ("1234567890", "veelgebruikt wachtwoord"),
        ("aaaaaaaaaa", "herhalingen"),
    ):
        page.first.clear()
        page.second.clear()
        qtbot.keyClicks(page.first, weak)
        assert page.hint.text().startswith("Te makkelijk te raden:"), page.hint.text()
        assert why in page.hint.text()
        qtbot.keyClicks(page.second, weak)
        qtbot.mouseClick(button(window, "Profiel maken"), Qt.MouseButton.LeftButton)
        assert "te makkelijk te raden" in page.error.text() and why in page.error.text()
        assert page.create_button.isEnabled()  # nothing was started
    assert not (context.data_dir / "profile.key").exists()
    page.first.clear()
    qtbot.keyClicks(page.first, PASSPHRASE)
    assert page.hint.text() == "Sterk."


def test_the_passphrase_hint_in_english(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.set_language("en")
    qtbot.waitUntil(lambda: window.start_page.create_button.text() != "&Profiel maken")
    page = window.start_page
    qtbot.keyClicks(page.first, "aaaaaaaaaa")
    assert page.hint.text().startswith("Too easy to guess: repeats"), page.hint.text()
    qtbot.keyClicks(page.second, "aaaaaaaaaa")
    page.create_button.click()
    assert page.error.text().startswith("This passphrase is too easy to guess")
