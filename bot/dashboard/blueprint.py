"""The dashboard's routes, all under `/dashboard`, in one Sanic blueprint."""

from __future__ import annotations

import hashlib

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.dashboard import admin, counsellor, editor, login
from bot.dashboard.context import Dashboard
from bot.dashboard.style import CSS
from bot.dashboard.web import secured, url

__all__ = ["BLUEPRINT_NAME", "dashboard_blueprint"]

BLUEPRINT_NAME = "mrc_dashboard"
_CSS_TAG = '"' + hashlib.sha256(CSS.encode()).hexdigest()[:32] + '"'


def dashboard_blueprint(dashboard: Dashboard) -> Blueprint:
    """Every route of the dashboard; each page checks login, role and (on POST) CSRF.

    The style sheet is the only route open without a login: it holds no data.
    """
    blueprint = Blueprint(BLUEPRINT_NAME)

    async def style(request: Request) -> HTTPResponse:
        if request.headers.get("if-none-match") == _CSS_TAG:
            return secured(response.empty(status=304), cache="no-cache")
        reply = response.text(CSS, content_type="text/css; charset=utf-8")
        reply.headers["ETag"] = _CSS_TAG
        return secured(reply, cache="no-cache")

    blueprint.add_route(style, url("/style.css"), methods=["GET"], name="style")
    login.register(blueprint, dashboard)
    counsellor.register(blueprint, dashboard)
    editor.register(blueprint, dashboard)
    admin.register(blueprint, dashboard)
    return blueprint
