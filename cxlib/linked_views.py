"""Named views carried in a link: whoever opens it (or reloads it) has the same saved views, and
a comparison shared from the Compare page opens on the same two views. Each view is
its name, its page, the language its choices are worded in and its link's query; reading a
token raises DataError and nothing else, and the app reads the query as it reads any link
(values it does not know are dropped)."""

from __future__ import annotations

import binascii
import json
import zlib

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import tokens
from .errors import DataError, Problem
from .scope import PAGES

MAX_VIEWS = 12  # as many as a session saves
CURRENT = -1  # in a compared pair: the link's own view, not a saved one
MAX_TOKEN_CHARS = 20_000
MAX_BYTES = 50_000
SOURCE = "views in the link"


class LinkedView(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=60)
    page: str = Field(max_length=40)
    lang: str = Field(max_length=8)
    query: dict[str, list[str]] = Field(default_factory=dict, max_length=40)

    @field_validator("page")
    @classmethod
    def _a_page(cls, page: str) -> str:
        if page not in PAGES:
            raise ValueError(f"no page {page[:40]!r}")
        return page

    @field_validator("query")
    @classmethod
    def _short(cls, query: dict[str, list[str]]) -> dict[str, list[str]]:
        if any(len(vs) > 400 or any(len(v) > 300 for v in vs) for vs in query.values()):
            raise ValueError("a view's choices are too long")
        return query


def to_token(views: list[LinkedView], compared: tuple[int, int] | None = None) -> str:
    """The views as a URL-safe token; `compared`: the two a Compare link opens on, as places
    in `views` or CURRENT (a comparison with the current view had arrived as one of two saved
    views: another comparison, with another verdict)."""
    payload = {"v": 1, "w": [{"n": v.name, "p": v.page, "l": v.lang, "q": v.query} for v in views]}
    if compared is not None:
        payload["c"] = list(compared)
    return tokens.pack(payload)


def from_token(token: str) -> tuple[LinkedView, ...]:
    """The views a token from to_token carries; DataError for anything else."""
    return read_token(token)[0]


def read_token(token: str) -> tuple[tuple[LinkedView, ...], tuple[int, int] | None]:
    """The views a token carries and the pair it compares (None in a link made before links
    said it: the first two views); DataError for anything else."""
    try:
        payload = tokens.unpack(token, MAX_TOKEN_CHARS, MAX_BYTES, "views")
        if not isinstance(payload, dict) or payload.get("v") != 1:
            raise ValueError("the token is not views")
        if not {"v", "w"} <= set(payload) <= {"v", "w", "c"}:
            raise ValueError("the token is not views")
        items = payload["w"]
        if not isinstance(items, list) or not 0 < len(items) <= MAX_VIEWS:
            raise ValueError("the token is not views")
        views = []
        for item in items:
            if not isinstance(item, dict) or set(item) - {"n", "p", "l", "q"}:
                raise ValueError("a view in the token has unknown fields")
            views.append(
                LinkedView(
                    name=item.get("n"),
                    page=item.get("p"),
                    lang=item.get("l"),
                    query=item.get("q", {}),
                )
            )
        return tuple(views), _pair(payload.get("c"), len(views))
    except (
        ValidationError,
        ValueError,
        TypeError,
        RecursionError,
        json.JSONDecodeError,
        UnicodeDecodeError,
        zlib.error,
        binascii.Error,
    ) as error:
        raise DataError([Problem(SOURCE, f"not views: {str(error)[:200]}")]) from None


def _pair(compared: object, views: int) -> tuple[int, int] | None:
    if compared is None:
        return None
    if (
        not isinstance(compared, list)
        or len(compared) != 2
        or not all(type(i) is int and CURRENT <= i < views for i in compared)
    ):
        raise ValueError("the compared pair is not two of the views")
    return compared[0], compared[1]
