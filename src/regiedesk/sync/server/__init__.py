"""The central server: an ASGI app over SQLite (pilot) or PostgreSQL (production)."""
