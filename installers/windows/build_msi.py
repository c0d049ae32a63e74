"""Build the MSI from regiedesk.wxs with wixl (Debian's msitools), around a payload folder.

    python installers/windows/build_msi.py --out dist/            (a stand-in payload)
    python installers/windows/build_msi.py --payload dist/regiedesk --out dist/

On Linux this checks the WiX source and the MSI's tables (tests/installers/test_msi.py);
the real Windows build is .github/workflows/windows-installer.yml (WiX v3's heat,
candle and light around PyInstaller's folder). Prints the .msi's path as its last line.

wixl 0.101 ignores Property/@Secure and an explicit SecureCustomProperties collides with
the one MajorUpgrade adds, so the secure properties are added to that row afterwards
with msibuild.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def version() -> str:
    text = (ROOT / "src" / "regiedesk" / "__init__.py").read_text()
    found = re.search(r'__version__ = "([^"]+)"', text)
    assert found is not None
    return found.group(1)


def secure_properties() -> list[str]:
    return re.findall(
        r'<Property Id="([A-Z_]+)" Secure="yes"/>', (HERE / "regiedesk.wxs").read_text()
    )


def stand_in(folder: Path) -> Path:
    """A payload with the two files the stand-in fragment names (not a working program)."""
    (folder / "_internal").mkdir(parents=True, exist_ok=True)
    for program in ("regiedesk.exe", "regiedesk-cli.exe"):
        (folder / program).write_bytes(b"MZ stand-in for a PyInstaller launcher\n")
    (folder / "_internal" / "base_library.zip").write_bytes(b"stand-in\n")
    return folder


def build(out: Path, payload: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    msi = out / f"regiedesk-{version()}-x64.msi"
    # wixl resolves sources relative to the working folder and trips over absolute ones
    subprocess.run(
        ["wixl", "-a", "x64", "-D", f"Version={version()}",
         "-D", f"AppSource={os.path.relpath(payload, out)}",
         str(HERE / "regiedesk.wxs"), str(HERE / "stand-in-files.wxs"), "-o", msi.name],
        cwd=out, check=True, capture_output=True, text=True,
    )  # fmt: skip
    rows = subprocess.run(
        ["msiinfo", "export", str(msi), "Property"], check=True, capture_output=True, text=True
    ).stdout
    current = re.search(r"^SecureCustomProperties\t(.*)$", rows, re.MULTILINE)
    listed = [*(current.group(1).split(";") if current else []), *secure_properties()]
    query = (
        "UPDATE `Property` SET `Value` = '" + ";".join(listed) + "' "
        "WHERE `Property` = 'SecureCustomProperties'"
    )
    subprocess.run(["msibuild", str(msi), "-q", query], check=True)
    return msi


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--payload", type=Path, help="the PyInstaller folder (default: a stand-in)")
    args = parser.parse_args()
    out = args.out.resolve()
    payload = args.payload.resolve() if args.payload else stand_in(out / "stand-in-payload")
    print(build(out, payload))


if __name__ == "__main__":
    main()
