"""The checks' messages: Dutch and English, every field named in both."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from regiedesk.domain import validate as v
from regiedesk.domain.vocabulary import Field
from regiedesk.errors import ValidationError

SRC = Path(__file__).resolve().parents[1] / "src" / "regiedesk"
CHECKS = {"text", "optional_text", "choice", "date_order", "not_future", "day"}


def field_names() -> set[str]:
    """The first argument of every check and ValidationError the services raise: a member
    of ``Field`` (its value), or the text given where a member belongs."""
    found = set()
    for path in (SRC / "services").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            named = (isinstance(func, ast.Attribute) and func.attr in CHECKS) or (
                isinstance(func, ast.Name) and func.id == "ValidationError"
            )
            first = node.args[0]
            if named and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
            elif (
                named
                and isinstance(first, ast.Attribute)
                and isinstance(first.value, ast.Name)
                and first.value.id == "Field"
            ):
                found.add(Field[first.attr].value)
    return found


def test_every_field_the_services_check_has_an_english_name() -> None:
    names = field_names()
    assert {"verslag", "naam", "datum"} <= names  # the scan sees the services' checks
    assert names - {f.value for f in Field if f.label("en")} == set()


def test_the_english_message_names_the_field_in_english() -> None:
    with pytest.raises(ValidationError) as err:
        v.text(Field.ORGANISATION, "   ")
    assert err.value.nl == "Vul het veld 'organisatie' in."
    assert err.value.en == "Fill in the field 'organisation'."


def test_text_is_kept_composed_however_it_was_typed() -> None:
    decomposed = "Gezin Noe\u0308l"  # 'e' and a combining diaeresis, as some pastes bring it
    assert v.text(Field.NAME, decomposed) == "Gezin No\u00ebl"
