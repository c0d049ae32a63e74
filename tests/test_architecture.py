"""The core and sync never import Qt; only src/regiedesk/ui/ may."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "regiedesk"


def in_a_fresh_interpreter(call: str) -> Any:
    """The value of ``call``, an expression over this module's functions, computed in a new
    Python process: what the tests before this one imported, defined, patched or left for
    the garbage collector does not count (these checks ran in pytest's own process and
    failed once after tests/server/test_server_check.py, though not in the suite's order)."""
    code = (
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        f"from tests import test_architecture as here\nprint(repr(here.{call}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    return ast.literal_eval(out.strip())


def qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [n for n in names if n.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}]
    return found


def qt_offenders() -> dict[str, list[str]]:
    """The Qt imports of each module outside ``regiedesk.ui`` that has any."""
    return {
        str(p.relative_to(SRC)): qt_imports(p)
        for p in SRC.rglob("*.py")
        if "ui" not in p.relative_to(SRC).parts[:1] and qt_imports(p)
    }


def test_no_module_outside_ui_imports_qt() -> None:
    assert in_a_fresh_interpreter("qt_offenders()") == {}


def test_the_check_would_see_a_qt_import(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport shiboken6\n")
    assert qt_imports(sample) == ["PySide6.QtCore", "shiboken6"]


def test_importing_the_core_loads_no_qt() -> None:
    modules = sorted(
        ".".join(("regiedesk", *p.relative_to(SRC).with_suffix("").parts)).removesuffix(".__init__")
        for p in SRC.rglob("*.py")
        if p.relative_to(SRC).parts[0] != "ui"
    )
    code = (
        "import sys, importlib\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_the_app_module_loads_the_core_before_qt() -> None:
    """PySide reads the source of every module imported after it; the core comes first."""
    code = (
        "import sys\n"
        "import regiedesk.ui.app\n"
        "print('PySide6' in sys.modules, "
        "all(n in sys.modules for n in ('regiedesk.store.profile', 'sqlcipher3', "
        "'cryptography.hazmat.primitives.ciphers.aead', 'regiedesk.services.indicators', "
        # what run() and the first screen load anyway: the log folder, argparse's messages,
        # the caseload's stand-in lines and the team leader's cached figures
        "'platformdirs', 'locale', 'regiedesk.services.team')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "True"]


RECORD_VERBS = ("list", "get", "add", "update", "remove")


def misnamed_service_methods() -> tuple[int, list[str]]:
    """How many kinds of service there are, and each of their own public methods that
    breaks the naming scheme, with what to do instead."""
    import importlib
    import inspect
    import pkgutil

    import regiedesk.services as package
    from regiedesk.services.base import Service

    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"regiedesk.services.{info.name}")
    kinds = {k for k in _subclasses(Service)}
    wrong = []
    for kind in kinds:
        own = [n for n, _ in inspect.getmembers(kind, inspect.isfunction) if n in vars(kind)]
        for name in own:
            if name.startswith("_"):
                continue
            verb = name.split("_")[0]
            if name in RECORD_VERBS:
                wrong.append(f"{kind.__name__}.{name}: name the record")
            elif verb in {"create", "delete", "record", "save", "load"} and name != "save_draft":
                wrong.append(f"{kind.__name__}.{name}: use {'/'.join(RECORD_VERBS)}")
    return len(kinds), sorted(wrong)


def test_service_methods_follow_one_naming_scheme() -> None:
    """The five record verbs carry the record's name (``add_family``), never stand bare;
    the old synonyms (create, delete, record, ...) are gone."""
    kinds, wrong = in_a_fresh_interpreter("misnamed_service_methods()")
    assert kinds >= 9
    assert wrong == []


def _subclasses(kind: type) -> list[type]:
    found = []
    for sub in kind.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def deliberate_errors() -> list[tuple[str, str]]:
    """(name, module) of every deliberate error, with every module outside the UI imported."""
    import importlib

    from regiedesk.errors import RegiedeskError

    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[0] != "ui":
            importlib.import_module(".".join(("regiedesk", *parts)).removesuffix(".__init__"))
    return sorted((k.__name__, k.__module__) for k in _subclasses(RegiedeskError))


def test_every_deliberate_error_lives_in_the_errors_package() -> None:
    kinds = in_a_fresh_interpreter("deliberate_errors()")
    assert {"SyncError", "DeviceRevoked", "UsageError", "ClockDrift"} <= {n for n, _ in kinds}
    assert [(n, m) for n, m in kinds if m.rpartition(".")[0] != "regiedesk.errors"] == []


# SQL is written in upper case in this code base
SQL_START = ("SELECT ", "INSERT ", "UPDATE ", "DELETE ", "CREATE ", "PRAGMA ", "BEGIN", "WITH ")


def sql_in(path: Path) -> list[str]:
    """Calls that run SQL, and SQL text, in a module: the UI only calls services."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in {
            "query",
            "execute",
            "executemany",
            "executescript",
            "write_local",
            "conn",
        }:
            found.append(f"{path.name}:{node.lineno} .{node.attr}")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.lstrip().startswith(SQL_START)
        ):
            found.append(f"{path.name}:{node.lineno} {node.value[:30]!r}")
    return found


def test_the_ui_runs_no_sql() -> None:
    assert [hit for path in sorted((SRC / "ui").rglob("*.py")) for hit in sql_in(path)] == []


def test_the_sql_check_would_see_a_query(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text('rows = s.store.query("SELECT 1 AS x FROM families")\n')
    assert sql_in(probe) == ["probe.py:1 .query", "probe.py:1 'SELECT 1 AS x FROM families'"]


def loaded_after(imports: str, prefixes: tuple[str, ...]) -> list[str]:
    """The modules starting with one of ``prefixes`` that a fresh interpreter has loaded
    after running ``imports``."""
    code = (
        f"import sys\n{imports}\n"
        f"print(sorted(n for n in sys.modules if n.startswith({prefixes!r})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return list(ast.literal_eval(out.strip()))


def test_the_server_loads_neither_the_store_nor_sqlcipher() -> None:
    """The server names the synced entities without the laptop's encrypted store."""
    imports = "import regiedesk.sync.server.app, regiedesk.sync.server.cli"
    assert loaded_after(imports, ("sqlcipher3", "regiedesk.store")) == []
    assert "regiedesk.sync.server.app" in loaded_after(imports, ("regiedesk.sync.server.app",))


def test_the_wire_protocol_loads_no_web_framework() -> None:
    web = ("fastapi", "starlette", "pydantic", "httpx", "httpcore")
    assert loaded_after("import regiedesk.sync.protocol", web) == []
    assert loaded_after("import regiedesk.sync.server.app", web) != []  # the check sees them


def test_the_window_loads_no_workspace_report_or_demo_module() -> None:
    """The first screen is the caseload: the workspace's tabs, the report dialog and the
    demo generator load later (a family opened, a report asked for, a practice profile
    made), not in the start before the caseload is painted."""
    later = ("regiedesk.ui.workspace", "regiedesk.ui.report_dialog", "regiedesk.demo")
    imports = "import regiedesk.ui.app, regiedesk.ui.main_window, regiedesk.ui.window_profile"
    assert loaded_after(imports, later) == []
    assert loaded_after("import regiedesk.ui.report_dialog", later) != []  # the check sees them


def test_the_window_loads_nothing_its_first_screen_does_not_need() -> None:
    """What the first screen (the start page, then the caseload or the team table) does not
    use loads on first use: the store's backup and check (zipfile), cryptography's
    serialization (with its SSH module: a recovery key), importlib.resources (the shipped
    font, a translation other than Dutch), the wire's messages (a sync; the start needs
    only the enums of ``sync.codes``), tomllib (an organisation file)."""
    later = (
        "regiedesk.store.backup",
        "regiedesk.store.check",
        "regiedesk.ui.fonts",
        "cryptography.hazmat.primitives.serialization",
        "importlib.resources",
        "regiedesk.sync.protocol",
        "tomllib",
    )
    imports = (
        "import regiedesk.ui.app, regiedesk.ui.main_window, regiedesk.ui.window_profile,"
        " regiedesk.ui.team.workspace"
    )
    assert loaded_after(imports, later) == []
    # the check sees them when they are used
    assert len(loaded_after("from regiedesk.store import backup_profile", later)) == 2
    assert loaded_after("from regiedesk.recovery_key import new_organisation_key as n; n()", later)
    assert loaded_after("import regiedesk.sync.engine", later) == ["regiedesk.sync.protocol"]
