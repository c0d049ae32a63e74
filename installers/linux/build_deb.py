"""Build the desktop app's Debian package: PyInstaller's one-folder build, then dpkg-deb.

    .venv/bin/python installers/linux/build_deb.py --out dist/

Lays out /usr/lib/regiedesk (the frozen app), /usr/bin/regiedesk, the desktop file,
the icons (SVG and PNG sizes), the AppStream metainfo, a man page and the Debian
docs, and writes Depends from the system libraries the build links against (they
are not copied into the package: Debian's own packages keep them up to date).
Prints the .deb's path as its last line.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
APP_ID = "nl.regiedesk.regiedesk"
PNG_SIZES = (32, 48, 64, 128, 256)
# Not linked by the build, but needed at run time: Qt 6.5+ loads libxcb-cursor and friends
# through the xcb plug-in, TLS trusts the system's certificates, reports use DejaVu Sans.
RUNTIME_DEPENDS = (
    "libc6",
    "ca-certificates",
    "fonts-dejavu-core",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-image0",
    "libxkbcommon-x11-0",
    "libegl1",
    "libgl1",
)


def run(*command: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], check=True, text=True, **kwargs)  # type: ignore[call-overload]


def version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "src" / "regiedesk" / "__init__.py").read_text(), namespace)
    return namespace["__version__"]


def freeze(work: Path) -> Path:
    """PyInstaller's one-folder build of installers/regiedesk.spec; returns its folder."""
    env = {**os.environ, "REGIEDESK_SYSTEM_LIBRARIES": "external"}
    run(
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", work / "dist", "--workpath", work / "build",
        ROOT / "installers" / "regiedesk.spec", env=env,
    )  # fmt: skip
    return work / "dist" / "regiedesk"


def owning_package(library: str) -> str:
    """The Debian package that installed ``library`` (merged /usr: try both spellings)."""
    real = os.path.realpath(library)
    candidates = {library, real}
    for path in list(candidates):
        if path.startswith("/usr/lib/"):
            candidates.add(path[4:])
        elif path.startswith("/lib/"):
            candidates.add("/usr" + path)
    for path in sorted(candidates):
        found = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True)
        if found.returncode == 0:
            return found.stdout.split(":", 1)[0].split(",")[0].strip()
    raise SystemExit(f"no Debian package owns {library}: install it from a package first")


def depends(work: Path) -> str:
    libraries = (work / "build" / "regiedesk" / "system-libraries.txt").read_text().split()
    packages = {owning_package(lib) for lib in libraries} | set(RUNTIME_DEPENDS)
    parts = []
    for package in sorted(packages):
        installed = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True
        ).stdout.strip()
        parts.append(f"{package} (>= {installed})" if installed else package)
    return ", ".join(parts)


def drop_build_runpath(library: Path) -> None:
    """Remove a RUNPATH that points at the build machine (a pyenv or venv folder); keep
    $ORIGIN-relative ones, which stay inside /usr/lib/regiedesk."""
    found = subprocess.run(
        ["patchelf", "--print-rpath", str(library)], capture_output=True, text=True
    )
    paths = found.stdout.strip()
    if found.returncode != 0 or not paths:
        return
    kept = [p for p in paths.split(":") if p.startswith("$ORIGIN")]
    if kept != paths.split(":"):
        run("patchelf", "--set-rpath", ":".join(kept), library)


def install(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def gzipped(text: bytes, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(text)
    target.chmod(0o644)


def lay_out(frozen: Path, root: Path, ver: str) -> None:
    usr = root / "usr"
    app = usr / "lib" / "regiedesk"
    shutil.copytree(frozen, app, symlinks=True)
    for path in app.rglob("*"):
        if path.is_file() and not path.is_symlink():
            path.chmod(0o644)  # libraries are not programs; only the launcher is
            if path.suffix == ".so" or ".so." in path.name:
                drop_build_runpath(path)
    (app / "regiedesk").chmod(0o755)
    (usr / "bin").mkdir(parents=True)
    (usr / "bin" / "regiedesk").symlink_to("../lib/regiedesk/regiedesk")
    share = usr / "share"
    install(HERE / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    install(HERE / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml")
    icons = share / "icons" / "hicolor"
    install(HERE / f"{APP_ID}.svg", icons / "scalable" / "apps" / f"{APP_ID}.svg")
    for size in PNG_SIZES:
        png = icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        png.parent.mkdir(parents=True, exist_ok=True)
        run("rsvg-convert", "-w", size, "-h", size, HERE / f"{APP_ID}.svg", "-o", png)
        png.chmod(0o644)
    gzipped((HERE / "regiedesk.1").read_bytes(), share / "man" / "man1" / "regiedesk.1.gz")
    doc = share / "doc" / "regiedesk"
    install(HERE / "copyright", doc / "copyright")
    changelog = (
        f"regiedesk ({ver}) unstable; urgency=medium\n\n"
        "  * Built from the regiedesk source tree; see its git history.\n\n"
        " -- regiedesk developers <beheer@regiedesk.nl>  Thu, 03 Dec 2026 12:00:00 +0000\n"
    )
    gzipped(changelog.encode(), doc / "changelog.gz")  # a native package: no .Debian
    install(
        ROOT / "installers" / "organisation.example.toml", doc / "examples" / "organisation.toml"
    )
    install(HERE / "lintian-overrides", share / "lintian" / "overrides" / "regiedesk")


def control(root: Path, ver: str, depends_line: str) -> None:
    debian = root / "DEBIAN"
    debian.mkdir(mode=0o755)
    sums = []
    size = 0
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        if debian in path.parents:
            continue
        size += path.stat().st_size
        sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {path.relative_to(root)}")
    (debian / "md5sums").write_text("\n".join(sums) + "\n")
    arch = run("dpkg", "--print-architecture", capture_output=True).stdout.strip()
    (debian / "control").write_text(
        f"Package: regiedesk\nVersion: {ver}\nArchitecture: {arch}\n"
        "Maintainer: regiedesk developers <beheer@regiedesk.nl>\n"
        f"Installed-Size: {size // 1024 + 1}\nDepends: {depends_line}\n"
        "Section: misc\nPriority: optional\nHomepage: https://regiedesk.nl\n"
        "Description: encrypted, offline-first record for family caseworkers\n"
        " regiedesk is the desktop tool for caseworkers who guide multi-problem\n"
        " families the Carte Blanche way: one family, one plan, one caseworker.\n"
        " Everything is kept in an encrypted database on the laptop, works\n"
        " offline, and syncs with the organisation's server.\n"
    )
    for path in debian.iterdir():
        path.chmod(0o644)


def build(out: Path, work: Path, *, reuse: bool = False) -> Path:
    ver = version()
    frozen = work / "dist" / "regiedesk" if reuse else freeze(work)
    root = work / "root"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(mode=0o755)
    lay_out(frozen, root, ver)
    control(root, ver, depends(work))
    out.mkdir(parents=True, exist_ok=True)
    arch = run("dpkg", "--print-architecture", capture_output=True).stdout.strip()
    deb = out / f"regiedesk_{ver}_{arch}.deb"
    run("dpkg-deb", "--root-owner-group", "-Zxz", "--build", root, deb, capture_output=True)
    return deb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "deb")
    parser.add_argument(
        "--reuse-freeze",
        action="store_true",
        help="package the PyInstaller folder already in --work (when only packaging changed)",
    )
    args = parser.parse_args()
    print(build(args.out.resolve(), args.work.resolve(), reuse=args.reuse_freeze))


if __name__ == "__main__":
    main()
