"""A request's body read as it arrives, never more than ``protocol.MAX_BODY_BYTES``.

The limit counts the bytes as they come, so a chunked body (no Content-Length) is
cut off at the limit too; a gzip body is unpacked piece by piece with the limit on
what comes out (``decompressobj`` with ``max_length``), so 1 MB of gzip that would
unpack to 1 GiB costs at most the limit in memory (issue 16, 3 and 4).
"""

from __future__ import annotations

import zlib

from starlette.types import Message, Receive

from .. import protocol as p

_GZIP = 16 + zlib.MAX_WBITS  # a gzip header and trailer around the deflate stream


class TooLarge(Exception):
    """The body (or what it unpacks to) is over the limit."""


class BadGzip(Exception):
    """The body says it is gzip but does not unpack."""


class ClientGone(Exception):
    """The client disconnected before its body ended."""


async def read(receive: Receive, *, gzip: bool, limit: int = p.MAX_BODY_BYTES) -> bytes:
    """The whole body (unpacked if ``gzip``); raises as soon as it passes ``limit``."""
    unpack = _Unpacker(limit) if gzip else None
    parts: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            raise ClientGone()
        chunk = message.get("body", b"")
        more = message.get("more_body", False)
        size += len(chunk)
        if size > limit:  # the packed body too: no more than the limit is ever received
            raise TooLarge()
        if unpack is not None:
            chunk = unpack.feed(chunk)
        parts.append(chunk)
    if unpack is not None:
        parts.append(unpack.end())
    return b"".join(parts)


class _Unpacker:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.inflate = zlib.decompressobj(_GZIP)

    def feed(self, data: bytes) -> bytes:
        out: list[bytes] = []
        try:
            while data:
                if self.inflate.eof:  # bytes after the gzip stream's end
                    raise BadGzip()
                # at most one byte over the limit comes out: enough to know it is too much
                piece = self.inflate.decompress(data, self.limit - self.size + 1)
                self.size += len(piece)
                if self.size > self.limit:
                    raise TooLarge()
                out.append(piece)
                data = self.inflate.unconsumed_tail
        except zlib.error as exc:
            raise BadGzip() from exc
        if self.inflate.unused_data:  # bytes after the gzip stream's end
            raise BadGzip()
        return b"".join(out)

    def end(self) -> bytes:
        try:
            rest = self.inflate.flush()
        except zlib.error as exc:
            raise BadGzip() from exc
        if self.size + len(rest) > self.limit:
            raise TooLarge()
        if not self.inflate.eof:  # cut short, or no gzip at all
            raise BadGzip()
        return rest


def replay(body: bytes, receive: Receive) -> Receive:
    """A receive channel that hands out ``body`` once, then the client's own messages."""
    sent = False

    async def replaying() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # blocks until the client disconnects

    return replaying
