"""Every text of the core has English: vocabulary labels, field names, errors, messages.

The core writes each text as a Dutch and English pair (``i18n.pick``, an error's
``nl``/``en``, a vocabulary member's labels). These tests read the source: a pair whose
English half is empty, equal to the Dutch or written in Dutch fails, and so does a Dutch
sentence that is not part of a pair.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from regiedesk.domain import vocabulary
from regiedesk.i18n import pick

SRC = Path(__file__).resolve().parents[1] / "src" / "regiedesk"
# words that English text does not use; enough to catch Dutch pasted as English
DUTCH = re.compile(
    r"\b(de|het|een|niet|geen|van|voor|uw|deze|dit|wordt|zijn|heeft|staat|met|naar|"
    r"bij|uit|ook|nog|maar|dan|als|om|te|er|ontbreekt|bestand|gezin|verslag|wachtwoord|"
    r"opnieuw|klopt|verstuurd|geweigerd|ontvangen|bewaard|wijzigingen?)\b",
    re.IGNORECASE,
)
SQL = re.compile(r"\b(SELECT|CREATE TABLE|TEXT NOT NULL|INSERT INTO)\b")
# Dutch on purpose: the practice environment's fictional notes; the server's admin tools
# speak English only (docs/admin-guide.md)
NOT_INTERFACE = {"demo.py"}


def core_modules() -> list[Path]:
    return [
        p
        for p in sorted(SRC.rglob("*.py"))
        if p.relative_to(SRC).parts[0] != "ui"
        and p.relative_to(SRC).parts[:2] != ("sync", "server")
        and p.name not in NOT_INTERFACE
    ]


def _text(node: ast.expr) -> str | None:
    """The literal text of a string or f-string (placeholders left out), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        return None if left is None or right is None else left + right
    return None


def pairs(tree: ast.AST) -> tuple[list[tuple[int, str, str]], set[int]]:
    """(line, Dutch, English) of every pair in a module, and the ids of their nodes: the
    last two texts of a call (``pick(nl, en)``, ``SomeError(..., nl, en)``) or a tuple."""
    found, used = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            parts = node.args
        elif isinstance(node, ast.Tuple):
            parts = node.elts
        else:
            continue
        texts = [(a, t) for a in parts if (t := _text(a)) is not None]
        if len(texts) >= 2:
            (nl_node, nl), (en_node, en) = texts[-2], texts[-1]
            found.append((node.lineno, nl, en))
            used.update(id(n) for part in (nl_node, en_node) for n in ast.walk(part))
    return found, used


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_every_pair_has_english(path: Path) -> None:
    found, _ = pairs(ast.parse(path.read_text(encoding="utf-8")))
    bad = [
        (line, nl, en)
        for line, nl, en in found
        if DUTCH.search(en) or (DUTCH.search(nl) and (not en.strip() or en == nl))
    ]
    assert bad == []


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_dutch_sentence_outside_a_pair(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    _, used = pairs(tree)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    lonely = [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in used | docstrings
        and len(node.value.split()) >= 3
        and DUTCH.search(node.value)
        and not SQL.search(node.value)
    ]
    assert lonely == []


def test_the_checks_would_see_dutch_as_english(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text('pick("Het gezin is weg.", "Het gezin is weg.")\nx = "Dit bestand is kapot"\n')
    assert pairs(ast.parse(probe.read_text()))[0] == [(1, "Het gezin is weg.", "Het gezin is weg.")]
    with pytest.raises(AssertionError):
        test_every_pair_has_english(probe)
    with pytest.raises(AssertionError):
        test_no_dutch_sentence_outside_a_pair(probe)


def test_every_vocabulary_member_has_both_labels() -> None:
    kinds = [
        k
        for k in vars(vocabulary).values()
        if isinstance(k, type)
        and issubclass(k, vocabulary.Labelled)
        and k is not vocabulary.Labelled
    ]
    assert vocabulary.Field in kinds and vocabulary.FamilyStatus in kinds
    for kind in kinds:
        for member in kind:
            assert member.label("nl").strip() and member.label("en").strip(), member
            assert not DUTCH.search(member.label("en")), member


def test_pick_follows_the_language() -> None:
    assert pick("ja", "yes", "en") == "yes"
    assert pick("ja", "yes", "nl") == "ja"


@pytest.mark.parametrize(
    ("action", "code", "says"),
    [
        ("handover", "not_found", "is not (or no longer) in your team"),
        ("register", "forbidden", "Only a team leader may do this"),
        ("stand-in", "bad_period", "must end on or after its first day"),
        ("stand-in", "bad_body", "cannot stand in for their own family"),
        ("stand-in", "invalid_request", "cannot stand in for their own family"),
        ("register", "bad_text", "did not accept the family's name"),
        ("handover", "bad_body", "The server refused this (400, bad_body)"),
        ("register", "too_large", "The server refused this (400, too_large)"),
    ],
)
def test_a_refused_team_action_says_what_to_do_for_its_code(
    action: str, code: str, says: str
) -> None:
    from regiedesk.errors import TeamActionRefused

    refused = TeamActionRefused(action, 400, code)
    assert says in refused.en
    assert refused.nl and refused.nl != refused.en
