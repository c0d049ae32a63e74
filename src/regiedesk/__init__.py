"""regiedesk: an encrypted, offline-first desktop for Carte Blanche caseworkers."""

__version__ = "0.1.0"  # the single source: pyproject.toml reads it from here

__all__ = ["__version__"]
