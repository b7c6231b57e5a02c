"""A small document carried in a link (the action list, the views a comparison shows): JSON
with short keys, zlib, base64url unpadded; read back with the checks a link from anyone needs
(its length and alphabet, what it unpacks to, whether it was cut short)."""

from __future__ import annotations

import base64
import json
import re
import zlib

ALPHABET = re.compile(r"[A-Za-z0-9_-]*")


def pack(payload: object) -> str:
    """The payload as a compact URL-safe token."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    packed = zlib.compress(text.encode("utf-8"), 9)
    return base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def unpack(token: object, max_chars: int, max_bytes: int, what: str) -> object:
    """The JSON a token from pack() carries. ValueError says what is wrong with anything
    else ('the token is not {what} …'); a damaged token raises zlib.error or binascii.Error,
    bad JSON json.JSONDecodeError or UnicodeDecodeError (the callers word each)."""
    if not isinstance(token, str) or not token:
        raise ValueError("the token is empty")
    if len(token) > max_chars or not ALPHABET.fullmatch(token):
        raise ValueError(f"the token is not {what} (wrong length or characters)")
    packed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    unpacker = zlib.decompressobj()
    text = unpacker.decompress(packed, max_bytes + 1)
    if len(text) > max_bytes:
        raise ValueError(f"the token unpacks to more than {max_bytes // 1000} kB")
    if not unpacker.eof:
        raise ValueError("the token is cut short (copy the whole link)")
    return json.loads(text.decode("utf-8"))
