"""A tiny HTML template helper: every value is escaped unless it is already `Safe` markup."""

from __future__ import annotations

import html
from collections.abc import Iterable

__all__ = ["Safe", "escape", "join", "render"]


class Safe(str):
    """Markup that is already escaped; `render` and `join` insert it as it is."""

    __slots__ = ()


def escape(value: object) -> Safe:
    """The value as HTML text: `Safe` markup unchanged, anything else escaped.

    Args:
        value: markup, or any value (None becomes an empty string).

    Returns:
        Markup that is safe to insert into an element or a quoted attribute.

    """
    if isinstance(value, Safe):
        return value
    return Safe(html.escape("" if value is None else str(value), quote=True))


def render(template: str, **values: object) -> Safe:
    """Fill the `{name}` placeholders of a trusted template with escaped values.

    Args:
        template: HTML written in the code, never from a request or the database.
        **values: the values of the placeholders.

    Returns:
        The filled markup.

    """
    return Safe(template.format(**{name: escape(value) for name, value in values.items()}))


def join(parts: Iterable[object], separator: str = "") -> Safe:
    """Markup of several parts, each escaped unless it is `Safe`."""
    return Safe(separator.join(escape(part) for part in parts))
