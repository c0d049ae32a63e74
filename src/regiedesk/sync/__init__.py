"""Sync between laptops and the central server: the wire protocol, the server and the client."""
