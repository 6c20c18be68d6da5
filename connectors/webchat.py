"""The web chat channel: a JSON API for the widget, and the chat page and its assets.

Routes (the API under `/webhooks/webchat/`, the page under `/chat`):

- `POST /webhooks/webchat/webhook` `{"session", "message", "after"?}`: a person's message;
  answers `{"messages": [...], "cursor": n}` with the bot's replies (or, when `after` is
  given, every message after it).
- `GET /webhooks/webchat/messages?session=&after=`: the bot's messages after the cursor:
  the history on a reload (`after=0`), and messages nobody asked for (a counsellor's reply),
  which reach the outbox through `connectors.webchat_outbox.deliver` or through Rasa's
  output channel API with `output_channel=webchat`.
- `GET /webhooks/webchat/notice?lang=`: the privacy notice and the widget's labels, in the
  person's language, from the conversation texts.
- `GET /chat`, `/chat/widget.js`, `/chat/widget.css`: the page and the widget it embeds.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.content.compiler import RESPONSES_FILE
from bot.content.replies import Replies
from bot.privacy.pseudonym import sender_pseudonym
from bot.settings import get_settings
from connectors.webchat_outbox import Outbox, default_outbox, text_direction
from connectors.webchat_rate import RateLimiter

__all__ = ["COMMANDS", "MAX_MESSAGE_LENGTH", "ApiError", "WebChatInput", "WebChatOutput", "notice"]

logger = logging.getLogger(__name__)

CHANNEL = "webchat"
API = f"/webhooks/{CHANNEL}"
MAX_MESSAGE_LENGTH = 2000
MAX_BODY_BYTES = 32 * 1024
MESSAGES_PER_MINUTE = 20
POLLS_PER_MINUTE = 120
SESSION = re.compile(r"[A-Za-z0-9_-]{16,64}")
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?")
COMMANDS = {
    "/start": "/greet",
    "/help": "/menu",
    "/language": "/change_language",
    "/counsellor": "/handoff",
    "/delete": "/delete_data",
}
PRIVACY_PAYLOAD = "/data_privacy"
# Conversation texts the widget shows on its controls; absent ones keep its English defaults.
LABEL_KEYS = (
    "button_privacy",
    "button_language",
    "button_counsellor",
    "button_delete_data",
    "button_send",
    "button_retry",
    "input_label",
    "button_open_chat",
    "button_close_chat",
    "chat_title",
    "label_you",
    "label_bot",
    "error",
    "rate_limited",
    "message_too_long",
)
STATIC_DIR = Path(__file__).resolve().parent / "static"
_ASSETS = {
    "chat.html": "text/html; charset=utf-8",
    "widget.js": "text/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
}
_PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'"
)
Handler = Callable[[Request], Coroutine[Any, Any, HTTPResponse]]
_DELETE_CONFIRMED = re.compile(r'/delete_data\{.*"confirm"\s*:\s*"yes".*\}')


class ApiError(Exception):
    """A bad request, answered with a 4xx JSON error."""

    def __init__(self, status: int, error: str, detail: str, retry_after: int = 0) -> None:
        super().__init__(detail)
        self.status = status
        self.error = error
        self.detail = detail
        self.retry_after = retry_after


class WebChatOutput(OutputChannel):
    """Puts the bot's messages in the outbox of the person's pseudonym."""

    def __init__(self, outbox: Outbox) -> None:
        self.outbox = outbox

    @classmethod
    def name(cls) -> str:
        """The channel's id."""
        return CHANNEL

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Queue a text."""
        self.outbox.deliver(recipient_id, [{"text": text}])

    async def send_text_with_buttons(
        self,
        recipient_id: str,
        text: str,
        buttons: list[dict[str, Any]],
        **kwargs: Any,
    ) -> None:
        """Queue a text with quick-reply buttons."""
        self.outbox.deliver(recipient_id, [{"text": text, "buttons": buttons}])

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        """Queue the text and buttons of a custom message; the widget shows nothing else."""
        self.outbox.deliver(recipient_id, [json_message])


@functools.lru_cache(maxsize=1)
def _replies() -> Replies:
    return Replies.load(get_settings().build_dir / RESPONSES_FILE)


@functools.cache
def _asset(name: str) -> tuple[bytes, str]:
    body = (STATIC_DIR / name).read_bytes()
    return body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def notice(language: str | None) -> dict[str, Any]:
    """The privacy notice, its button and the widget's labels in a language.

    Args:
        language: a language code; unknown ones get the default language.

    Returns:
        `{"lang", "dir", "notice": {"text", "button": {title, payload}}, "labels"}`.

    """
    replies = _replies()
    chosen = replies.language(language)
    labels: dict[str, str] = {}
    for key in LABEL_KEYS:
        try:
            labels[key] = replies.text(key, chosen)
        except KeyError:
            continue
    text = replies.text("privacy_notice", chosen)
    return {
        "lang": chosen,
        "dir": text_direction(text),
        "notice": {
            "text": text,
            "button": {"title": replies.text("button_privacy", chosen), "payload": PRIVACY_PAYLOAD},
        },
        "labels": labels,
    }


def _session(value: Any) -> str:
    if not isinstance(value, str) or not SESSION.fullmatch(value):
        raise ApiError(
            400,
            "invalid_session",
            "`session` must be a random id of 16 to 64 characters from A-Z, a-z, 0-9, _ and -",
        )
    return value


def _cursor(value: Any) -> int:
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise ApiError(400, "invalid_cursor", "`after` must be a whole number, 0 or more")
    try:
        cursor = int(value)
    except (TypeError, ValueError):
        raise ApiError(400, "invalid_cursor", "`after` must be a whole number, 0 or more") from None
    if cursor < 0 or cursor >= 2**53:
        raise ApiError(400, "invalid_cursor", "`after` must be a whole number, 0 or more")
    return cursor


def _message(body: dict[str, Any]) -> str:
    text = body.get("message")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "invalid_message", "`message` must be a non-empty string")
    if len(text) > MAX_MESSAGE_LENGTH:
        raise ApiError(
            413, "message_too_long", f"`message` is longer than {MAX_MESSAGE_LENGTH} characters"
        )
    return text.strip()


def _json_body(request: Request) -> dict[str, Any]:
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise ApiError(415, "unsupported_media_type", "send the message as application/json")
    if len(request.body or b"") > MAX_BODY_BYTES:
        raise ApiError(413, "body_too_large", f"the body is larger than {MAX_BODY_BYTES} bytes")
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "invalid_json", "the body is not valid JSON") from None
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_json", "the body must be a JSON object")
    return body


class WebChatInput(InputChannel):
    """The web chat: the widget's API, the chat page and its assets.

    Credentials (all optional)::

        connectors.webchat.WebChatInput:
          allowed_origins: ["https://centre.example"]   # sites that embed the widget; "*" any
          messages_per_minute: 20
    """

    def __init__(
        self,
        allowed_origins: tuple[str, ...] = ("*",),
        messages_per_minute: int = MESSAGES_PER_MINUTE,
        outbox: Outbox | None = None,
    ) -> None:
        self.allowed_origins = allowed_origins
        self.outbox = outbox or default_outbox()
        self.messages = RateLimiter(messages_per_minute)
        self.polls = RateLimiter(POLLS_PER_MINUTE)

    @classmethod
    def name(cls) -> str:
        """The channel's id, also its input channel name in trackers."""
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WebChatInput:
        """Build the channel from its (optional) entry in credentials.yml.

        Raises:
            ValueError: an entry has a value the channel cannot use.

        """
        credentials = credentials or {}
        unknown = set(credentials) - {"allowed_origins", "messages_per_minute"}
        if unknown:
            raise ValueError(f"credentials.yml: unknown webchat settings {sorted(unknown)}")
        origins = credentials.get("allowed_origins", ["*"])
        if isinstance(origins, str):
            origins = [origins]
        if not isinstance(origins, list) or not all(isinstance(o, str) for o in origins):
            raise ValueError("credentials.yml: webchat allowed_origins must be a list of URLs")
        rate = credentials.get("messages_per_minute", MESSAGES_PER_MINUTE)
        if not isinstance(rate, int) or rate < 1:
            raise ValueError("credentials.yml: webchat messages_per_minute must be 1 or more")
        return cls(tuple(o.rstrip("/") for o in origins), rate)

    def url_prefix(self) -> str:
        """Mount at the root: the blueprint holds both `/webhooks/webchat/` and `/chat`."""
        return "/"

    def get_output_channel(self) -> OutputChannel:
        """The outbox, for messages Rasa sends without a request (`output_channel=webchat`)."""
        return WebChatOutput(self.outbox)

    async def deliver(
        self, pseudonym: str, reply_address: str | None, messages: list[dict[str, Any]]
    ) -> bool:
        """Queue messages the person did not just ask for, such as a counsellor's reply.

        Args:
            pseudonym: The person's pseudonym, which keys their outbox.
            reply_address: Not needed on the web chat.
            messages: Messages with `text` and optional `buttons`.

        Returns:
            Whether the messages were queued for the widget's next poll.

        """
        self.outbox.deliver(pseudonym, messages)
        return True

    def _cors(self, request: Request) -> dict[str, str]:
        origin = request.headers.get("origin")
        if "*" in self.allowed_origins:
            allowed = "*"
        elif origin and origin.rstrip("/") in self.allowed_origins:
            allowed = origin
        else:
            return {"Vary": "Origin"}
        return {
            "Access-Control-Allow-Origin": allowed,
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type",
            "Access-Control-Expose-Headers": "Retry-After",
            "Access-Control-Max-Age": "86400",
            "Vary": "Origin",
        }

    def _json(self, request: Request, body: Any, status: int = 200) -> HTTPResponse:
        headers = {**self._cors(request), "Cache-Control": "no-store"}
        return response.json(body, status=status, headers=headers)

    def _error(self, request: Request, error: ApiError) -> HTTPResponse:
        reply = self._json(request, {"error": error.error, "detail": error.detail}, error.status)
        if error.retry_after:
            reply.headers["Retry-After"] = str(error.retry_after)
        return reply

    async def _asset(self, request: Request, name: str) -> HTTPResponse:
        body, etag = _asset(name)
        headers = {
            "ETag": etag,
            "Cache-Control": "no-cache",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        }
        if name == "chat.html":
            headers["Content-Security-Policy"] = _PAGE_POLICY
        else:
            headers["Access-Control-Allow-Origin"] = "*"
            headers["Cross-Origin-Resource-Policy"] = "cross-origin"
        if request.headers.get("if-none-match") == etag:
            return response.empty(status=304, headers=headers)
        return response.raw(body, headers=headers, content_type=_ASSETS[name])

    async def _receive(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        body = _json_body(request)
        pseudonym = sender_pseudonym(_session(body.get("session")), CHANNEL)
        text = _message(body)
        after = _cursor(body.get("after")) if "after" in body else None
        wait = self.messages.hit(pseudonym)
        if wait:
            raise ApiError(
                429, "rate_limited", f"more than {self.messages.limit} messages a minute", wait
            )
        text = COMMANDS.get(text.lower(), text)
        before = self.outbox.cursor(pseudonym)
        try:
            await on_new_message(
                UserMessage(text, WebChatOutput(self.outbox), pseudonym, input_channel=CHANNEL)
            )
        except Exception as error:  # the assistant failed: the person may retry
            logger.error("webchat: the assistant could not answer (%s)", type(error).__name__)
            return self._json(
                request, {"error": "unavailable", "detail": "the assistant could not answer"}, 503
            )
        reset = bool(_DELETE_CONFIRMED.fullmatch(text))
        if reset:
            # Their data is erased: forget the conversation but the confirmation just sent.
            kept, _ = self.outbox.after(pseudonym, before)
            self.outbox.erase(pseudonym)
            before, after = self.outbox.cursor(pseudonym), None
            self.outbox.deliver(pseudonym, kept)
        messages, cursor = self.outbox.after(pseudonym, before if after is None else after)
        answer: dict[str, Any] = {"messages": messages, "cursor": cursor}
        if reset:
            answer["reset"] = True
        return self._json(request, answer)

    async def _poll(self, request: Request) -> HTTPResponse:
        pseudonym = sender_pseudonym(_session(request.args.get("session")), CHANNEL)
        cursor = _cursor(request.args.get("after"))
        wait = self.polls.hit(pseudonym)
        if wait:
            raise ApiError(
                429, "rate_limited", f"more than {POLLS_PER_MINUTE} polls a minute", wait
            )
        messages, cursor = self.outbox.after(pseudonym, cursor)
        return self._json(request, {"messages": messages, "cursor": cursor})

    async def _notice(self, request: Request) -> HTTPResponse:
        language = request.args.get("lang") or None
        if language is not None and not LANGUAGE.fullmatch(language):
            raise ApiError(400, "invalid_language", "`lang` must be a language code such as `ar`")
        code = language.split("-")[0].split("_")[0].lower() if language else None
        try:
            return self._json(request, notice(code))
        except OSError:
            logger.error("webchat: the response bundle is missing; run `mrcbot build`")
            return self._json(
                request, {"error": "unavailable", "detail": "the texts are not built yet"}, 503
            )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The API under `/webhooks/webchat/` and the page under `/chat`."""
        blueprint = Blueprint("webchat", __name__)

        def route(
            method: str | None, handler: Handler
        ) -> Callable[..., Coroutine[Any, Any, HTTPResponse]]:
            async def answer(request: Request, **_: str) -> HTTPResponse:
                if request.method == "OPTIONS":
                    return response.empty(status=204, headers=self._cors(request))
                try:
                    if method and request.method != method:
                        raise ApiError(405, "method_not_allowed", f"use {method}")
                    return await handler(request)
                except ApiError as error:
                    return self._error(request, error)

            return answer

        async def receive(request: Request) -> HTTPResponse:
            return await self._receive(request, on_new_message)

        async def health(request: Request) -> HTTPResponse:
            return self._json(request, {"status": "ok"})

        async def elsewhere(request: Request) -> HTTPResponse:
            if request.path.rstrip("/") == API:
                return await health(request)
            raise ApiError(404, "not_found", "no such route")

        methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
        for path, method, handler in (
            (API, "GET", health),
            (f"{API}/webhook", "POST", receive),
            (f"{API}/messages", "GET", self._poll),
            (f"{API}/notice", "GET", self._notice),
            (f"{API}/<rest:path>", None, elsewhere),
            ("/chat/<rest:path>", None, elsewhere),
        ):
            blueprint.add_route(route(method, handler), path, methods=methods, name=_name(path))
        for name in _ASSETS:
            path = "/chat" if name == "chat.html" else f"/chat/{name}"
            handler = functools.partial(self._asset, name=name)
            blueprint.add_route(route("GET", handler), path, methods=["GET"], name=_name(path))

        async def preflight(request: Request, reply: HTTPResponse) -> HTTPResponse | None:
            # The Rasa server answers every OPTIONS request itself (Sanic-Cors, with the
            # origins of `--cors`); the widget on another site needs this channel's.
            if request.method == "OPTIONS" and request.path.startswith(API):
                return response.empty(status=204, headers=self._cors(request))
            return None

        blueprint.middleware(preflight, "response")
        return blueprint


def _name(path: str) -> str:
    return re.sub(r"[^a-z]+", "_", path).strip("_")
