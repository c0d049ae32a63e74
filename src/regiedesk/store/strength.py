"""How quickly a new passphrase is guessed: zxcvbn's estimate, with the reason in Dutch.

Counting kinds of characters rated "wachtwoord", "1234567890" and "aaaaaaaaaa" as fair.
zxcvbn knows common passwords, words and names, repeats, sequences, keyboard rows and
dates, and estimates the guesses an attacker needs; below ``MIN_SCORE`` (about 10^8
guesses) a passphrase is refused. Its own advice is English only, so the reason is ours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MIN_SCORE = 3  # zxcvbn: 0 to 4; 3 is "safely unguessable" against a slow hash offline
MAX_CHECKED = 72  # zxcvbn refuses longer input; the first 72 characters are judged
OWN_WORDS = ("regiedesk", "oefenomgeving", "carteblanche", "jeugdzorg", "regisseur")


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (guessed at once) to 4 (strong)
    nl: str = ""  # why it is weak (empty from MIN_SCORE on)
    en: str = ""

    @property
    def acceptable(self) -> bool:
        return self.score >= MIN_SCORE


_WHY: dict[str, tuple[str, str]] = {
    "repeat": (
        "herhalingen zoals 'aaa' of 'abcabc' zijn snel geraden.",
        "repeats such as 'aaa' or 'abcabc' are quickly guessed.",
    ),
    "sequence": (
        "reeksen zoals 'abcd' of '1234' zijn snel geraden.",
        "sequences such as 'abcd' or '1234' are quickly guessed.",
    ),
    "spatial": (
        "rijtjes op het toetsenbord zoals 'qwerty' zijn snel geraden.",
        "keyboard rows such as 'qwerty' are quickly guessed.",
    ),
    "date": (
        "datums en jaartallen zijn snel geraden.",
        "dates and years are quickly guessed.",
    ),
    "passwords": (
        "het is (of bevat) een veelgebruikt wachtwoord.",
        "it is (or contains) a commonly used password.",
    ),
    "user_inputs": (
        "woorden als 'regiedesk' of 'regisseur' zijn snel geraden.",
        "words such as 'regiedesk' or 'regisseur' are quickly guessed.",
    ),
    "dictionary": (
        "een los bekend woord of een naam is snel geraden.",
        "a single known word or name is quickly guessed.",
    ),
    "other": (
        "het is te kort of te voorspelbaar.",
        "it is too short or too predictable.",
    ),
}


def _reason(matches: Sequence[Mapping[str, object]]) -> str:
    """What the longest guessable part of the passphrase is."""
    for match in sorted(matches, key=lambda m: -len(str(m.get("token", "")))):
        pattern = match.get("pattern")
        if pattern in ("repeat", "sequence", "spatial", "date"):
            return str(pattern)
        if pattern == "regex" and match.get("regex_name") == "recent_year":
            return "date"
        if pattern == "dictionary":
            name = match.get("dictionary_name")
            return str(name) if name in ("passwords", "user_inputs") else "dictionary"
    return "other"


def estimate(passphrase: str, own_words: Sequence[str] = OWN_WORDS) -> Strength:
    from zxcvbn import zxcvbn  # loads its word lists (~0.1 s): only when a passphrase is new

    result = zxcvbn(passphrase[:MAX_CHECKED], user_inputs=list(own_words))
    score = int(result["score"])
    if score >= MIN_SCORE:
        return Strength(score)
    nl, en = _WHY[_reason(result["sequence"])]
    return Strength(score, nl, en)
