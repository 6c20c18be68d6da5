"""The staff dashboard: a Sanic blueprint served inside the Rasa server at `/dashboard`.

Modules:

- `channel`: the Rasa input channel that mounts the blueprint (`credentials.yml`).
- `blueprint`: every route; `auth` checks login, role and CSRF on each of them.
- `login`, `counsellor` (with `ticket_pages`), `editor`, `admin`: the routes of each role.
- `context`: the state routes share (settings, stores, login limiter, texts).
- `html`, `layout`, `style`, `web`: escaping templates, the page frame, CSS, responses.
- `ratelimit`: lockouts after failed logins.
- `grouping`: groups unanswered questions by similarity for the editors' report.
- `delivery`: sends a counsellor's reply through the channel the person used.
- `users_cli`: `mrcbot user add`.
"""

from __future__ import annotations

__all__: list[str] = []
