"""A small real HTTP server on 127.0.0.1 that plays the Telegram Bot API and records calls."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

__all__ = ["BOT_USER", "Call", "FakeTelegram"]

BOT_USER = {"id": 4242, "is_bot": True, "first_name": "MRC assistant", "username": "mrc_test_bot"}
_TRUE_METHODS = {
    "setWebhook",
    "deleteWebhook",
    "answerCallbackQuery",
    "sendChatAction",
    "setMyCommands",
}


@dataclass
class Call:
    """One Bot API call the bot made, with its parameters as sent and the status answered."""

    method: str
    params: dict[str, Any]
    status: int = 200

    def json(self, name: str) -> Any:
        """A parameter that python-telegram-bot sent JSON-encoded (reply_markup, commands...)."""
        value = self.params[name]
        return json.loads(value) if isinstance(value, str) else value


@dataclass
class _Failure:
    status: int
    retry_after: int | None


@dataclass
class _State:
    calls: list[Call] = field(default_factory=list)
    failures: dict[str, list[_Failure]] = field(default_factory=dict)
    updates: list[dict[str, Any]] = field(default_factory=list)
    next_message_id: int = 1
    generation: int = 0  # bumped by reset(), so a long poll from an earlier test records nothing
    changed: threading.Condition = field(default_factory=threading.Condition)


class FakeTelegram:
    """Plays the Bot API methods the channel calls, for one bot token.

    getMe, setWebhook, deleteWebhook, sendMessage, answerCallbackQuery, sendChatAction,
    setMyCommands and getUpdates. Use it as a context manager; `base_url` is what the bot
    takes as its Bot API address.
    """

    def __init__(self, token: str = "4242:TEST-token") -> None:
        self.token = token
        self._state = _State()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8")
                prefix = f"/bot{fake.token}/"
                if not self.path.startswith(prefix):
                    self._reply(HTTPStatus.UNAUTHORIZED, _error(401, "Unauthorized"))
                    return
                method = self.path[len(prefix) :]
                if "json" in (self.headers.get("Content-Type") or ""):
                    params = json.loads(body or "{}")
                else:
                    params = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
                status, answer = fake._answer(method, params)
                self._reply(status, answer)

            def _reply(self, status: int, answer: dict[str, Any]) -> None:
                data = json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bot gave up waiting (a cancelled long poll)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """The Bot API address to give the bot; the token is appended to it."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    def __enter__(self) -> FakeTelegram:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # What tests tell the fake and ask it.

    def reset(self) -> None:
        """Forget the calls, failures and queued updates."""
        with self._state.changed:
            self._state.generation += 1
            self._state.changed.notify_all()
            self._state.calls.clear()
            self._state.failures.clear()
            self._state.updates.clear()

    def fail_next(self, method: str, status: int = 429, retry_after: int | None = 1) -> None:
        """Answer the next call of a method with an error (by default 429 with retry_after)."""
        with self._state.changed:
            failure = _Failure(status, retry_after if status == 429 else None)
            self._state.failures.setdefault(method, []).append(failure)

    def queue_update(self, update: dict[str, Any]) -> None:
        """Give an update to the next getUpdates call."""
        with self._state.changed:
            self._state.updates.append(update)
            self._state.changed.notify_all()

    def calls(self, method: str | None = None) -> list[Call]:
        """The calls made so far, of one method or of all."""
        with self._state.changed:
            return [c for c in self._state.calls if method is None or c.method == method]

    def sent(self, chat_id: int | None = None) -> list[Call]:
        """The sendMessage calls that Telegram accepted, for one chat or for all."""
        return [
            call
            for call in self.calls("sendMessage")
            if call.status == 200 and (chat_id is None or int(call.params["chat_id"]) == chat_id)
        ]

    def wait_for(self, method: str, count: int = 1, seconds: float = 30.0) -> list[Call]:
        """Wait until a method has been called successfully `count` times; return those calls."""
        deadline = time.monotonic() + seconds
        with self._state.changed:
            while True:
                done = [c for c in self._state.calls if c.method == method and c.status == 200]
                if len(done) >= count:
                    return done
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{method} was called {len(done)} times, not {count}")
                self._state.changed.wait(left)

    # The Bot API.

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        state = self._state
        with state.changed:
            failures = state.failures.get(method)
            if failures:
                failure = failures.pop(0)
                state.calls.append(Call(method, params, failure.status))
                state.changed.notify_all()
                return failure.status, _error(failure.status, "Fake failure", failure.retry_after)
            if method == "getUpdates":
                return 200, self._updates_locked(params)
            if method == "getMe":
                result: Any = BOT_USER
            elif method in _TRUE_METHODS:
                result = True
            elif method == "sendMessage":
                result = {
                    "message_id": state.next_message_id,
                    "date": int(time.time()),
                    "chat": {"id": int(params["chat_id"]), "type": "private"},
                    "from": BOT_USER,
                    "text": params.get("text", ""),
                }
                state.next_message_id += 1
            else:
                return 404, _error(404, "Not Found: method not found")
            state.calls.append(Call(method, params))
            state.changed.notify_all()
            return 200, {"ok": True, "result": result}

    def _updates_locked(self, params: dict[str, Any]) -> dict[str, Any]:
        state = self._state
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 5.0)
        generation = state.generation
        state.updates[:] = [u for u in state.updates if u["update_id"] >= offset]
        while not state.updates and time.monotonic() < deadline:
            state.changed.wait(deadline - time.monotonic())
            if state.generation != generation:
                return {"ok": True, "result": []}
            state.updates[:] = [u for u in state.updates if u["update_id"] >= offset]
        state.calls.append(Call("getUpdates", params))
        state.changed.notify_all()
        return {"ok": True, "result": list(state.updates)}


def _error(code: int, description: str, retry_after: int | None = None) -> dict[str, Any]:
    answer: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if retry_after is not None:
        answer["description"] = f"Too Many Requests: retry after {retry_after}"
        answer["parameters"] = {"retry_after": retry_after}
    return answer
