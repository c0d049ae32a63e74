"""First start (make a profile or open the practice environment) and unlock."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..errors import RegiedeskError, WrongPassphrase
from ..i18n import pick
from ..store import MIN_PASSPHRASE_LENGTH
from ..store.keys import check_new_passphrase
from ..store.strength import estimate


def strength_hint(passphrase: str, minimum: int = MIN_PASSPHRASE_LENGTH) -> str:
    """A short, honest hint: too short for the organisation, too easy to guess (zxcvbn's
    estimate, why in the interface language), fair or strong."""
    if len(passphrase) < minimum:
        return QCoreApplication.translate("strength", "Te kort: minstens {0} tekens.").format(
            minimum
        )
    strength = estimate(passphrase)
    if not strength.acceptable:
        return QCoreApplication.translate("strength", "Te makkelijk te raden: {0}").format(
            pick(strength.nl, strength.en)
        )
    if strength.score >= 4:
        return QCoreApplication.translate("strength", "Sterk.")
    return QCoreApplication.translate(
        "strength", "Redelijk. Langer is sterker: een zin van een paar woorden werkt goed."
    )


def centre(page: QWidget, box: QWidget) -> None:
    """Put a fixed-width ``box`` in the middle of ``page``, a little above centre.

    Between stretches rather than with an alignment flag: an aligned item's wrapped
    labels got their height for the page's width, not the box's, and were cut off.
    """
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(box)
    row.addStretch(1)
    outer = QVBoxLayout(page)
    outer.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)


class PasswordField(QLineEdit):
    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setAccessibleName(accessible_name)


class StartPage(QWidget):
    """Shown when there is no profile yet."""

    create_requested = Signal(str, str)  # passphrase, repeated
    practice_requested = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, minimum: int = MIN_PASSPHRASE_LENGTH
    ) -> None:
        super().__init__(parent)
        self.minimum = minimum  # the organisation may ask for longer passphrases
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.first = PasswordField("")
        self.second = PasswordField("")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a40000")
        self.create_button = QPushButton()
        self.create_button.setDefault(True)
        self.practice_button = QPushButton()
        form = QFormLayout()
        self.first_label, self.second_label = QLabel(), QLabel()
        self.first_label.setBuddy(self.first)
        self.second_label.setBuddy(self.second)
        form.addRow(self.first_label, self.first)
        form.addRow(self.second_label, self.second)
        form.addRow("", self.hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addStretch(1)
        buttons.addWidget(self.practice_button)
        box = QWidget()
        box.setFixedWidth(560)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.intro)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addLayout(buttons)
        centre(self, box)
        self.first.textChanged.connect(
            lambda text: self.hint.setText(strength_hint(text, self.minimum))
        )
        self.create_button.clicked.connect(self._create)
        self.second.returnPressed.connect(self._create)
        self.practice_button.clicked.connect(self.practice_requested)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("<h2>Welkom bij regiedesk</h2>"))
        self.intro.setText(
            self.tr(
                "Maak een profiel om te beginnen. Alles wat u vastlegt, wordt versleuteld op deze "
                "laptop bewaard; alleen uw wachtwoord opent het. Bent u het wachtwoord kwijt, dan "
                "kan niemand de gegevens nog openen."
            )
        )
        self.first_label.setText(self.tr("&Wachtwoord:"))
        self.second_label.setText(self.tr("He&rhaal wachtwoord:"))
        self.first.setAccessibleName(self.tr("Nieuw wachtwoord"))
        self.second.setAccessibleName(self.tr("Herhaal wachtwoord"))
        self.create_button.setText(self.tr("&Profiel maken"))
        self.practice_button.setText(self.tr("&Oefenomgeving openen"))
        self.practice_button.setToolTip(
            self.tr("Een aparte omgeving met verzonnen gezinnen, om te oefenen.")
        )

    def _create(self) -> None:
        try:
            check_new_passphrase(self.first.text(), self.second.text(), minimum=self.minimum)
        except RegiedeskError as error:
            self.error.setText(error.message)
            return
        self.error.clear()
        self.set_busy(True)
        self.create_requested.emit(self.first.text(), self.second.text())

    def set_busy(self, busy: bool) -> None:
        for widget in (self.create_button, self.practice_button, self.first, self.second):
            widget.setEnabled(not busy)

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.error.setText(text)

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
        self.error.clear()
        self.set_busy(False)


class UnlockPage(QWidget):
    """Passphrase; a wrong one says so, and after three tries the next waits a growing while."""

    unlock_requested = Signal(str)
    practice_requested = Signal()
    FREE_TRIES = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.failures = 0
        self.title = QLabel()
        self.passphrase = PasswordField("")
        self.label = QLabel()
        self.label.setBuddy(self.passphrase)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a40000")
        self.button = QPushButton()
        self.button.setDefault(True)
        self.practice_button = QPushButton()
        self.practice_button.setFlat(True)
        self._wait = QTimer(self)  # ticks each second of a wait after wrong passphrases
        self._wait.setInterval(1000)
        self._wait.timeout.connect(self._tick)
        self.remaining = 0  # seconds until the next try
        self._failure = ""  # what the last try said, shown above the countdown
        form = QFormLayout()
        form.addRow(self.label, self.passphrase)
        box = QWidget()
        box.setFixedWidth(480)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addLayout(form)
        inner.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        row.addWidget(self.practice_button)
        inner.addLayout(row)
        centre(self, box)
        self.button.clicked.connect(self._submit)
        self.passphrase.returnPressed.connect(self._submit)
        self.practice_button.clicked.connect(self.practice_requested)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("<h2>regiedesk is vergrendeld</h2>"))
        self.label.setText(self.tr("&Wachtwoord:"))
        self.passphrase.setAccessibleName(self.tr("Wachtwoord"))
        self.button.setText(self.tr("&Ontgrendelen"))
        self.practice_button.setText(self.tr("Oefenomgeving"))

    def _submit(self) -> None:
        if not self.button.isEnabled() or not self.passphrase.text():
            return
        self.error.clear()
        self.button.setEnabled(False)
        self.unlock_requested.emit(self.passphrase.text())

    def failed(self, error: BaseException, text: str) -> None:
        # a new try starts empty: typed after a refusal (or during a wait) it was added to
        # the wrong passphrase when the selection was lost to a click
        self.passphrase.clear()
        self.passphrase.setFocus()
        if isinstance(error, WrongPassphrase):
            self.failures += 1
        self._failure = text
        if self.failures >= self.FREE_TRIES:
            self.remaining = 2 ** (self.failures - self.FREE_TRIES + 1)
            self._show_wait()
            self._wait.start()
        else:
            self.error.setText(text)
            self.button.setEnabled(True)

    def _show_wait(self) -> None:
        if self.remaining > 0:
            wait = (
                self.tr("Wacht nog 1 seconde voor de volgende poging.")
                if self.remaining == 1
                else self.tr("Wacht nog {0} seconden voor de volgende poging.").format(
                    self.remaining
                )
            )
        else:
            wait = self.tr("U kunt het opnieuw proberen.")
        self.error.setText(f"{self._failure} {wait}")

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self._wait.stop()
            self.remaining = 0
            self.button.setEnabled(True)
        self._show_wait()

    def clear(self) -> None:
        self.passphrase.clear()
        if self._wait.isActive():
            self._show_wait()  # the wait goes on over a lock or a practice visit
        else:
            self.error.clear()
        self.button.setEnabled(not self._wait.isActive())
        self.passphrase.setFocus()

    def succeeded(self) -> None:
        self.failures = 0
        self.clear()
