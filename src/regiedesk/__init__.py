"""regiedesk: an encrypted, offline-first desktop for Carte Blanche caseworkers."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("regiedesk")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"

__all__ = ["__version__"]
