"""The web chat in headless Chromium against the running assistant, with screenshots.

Screenshots of each step go to tests/artifacts/webchat/ for a reviewer to look at.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Playwright, Route, expect, sync_playwright

from bot.content.loader import Content
from bot.settings import ROOT
from tests.browser.chromium import launch
from tests.connectors.webchat_server import WebChatServer
from tests.model_fixtures import free_port

pytestmark = pytest.mark.model

ARTIFACTS = ROOT / "tests" / "artifacts" / "webchat"
AXE = ROOT / "tests" / "browser" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
XSS = "<img src=x onerror=alert(1)>"
RLM = "\u200f"


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = launch(playwright)
    yield browser
    browser.close()


class Chat:
    """A person with the chat page open in a fresh browser profile."""

    def __init__(self, page: Page, url: str) -> None:
        self.page = page
        self.url = url
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.set_default_timeout(20_000)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self) -> None:
        self.page.goto(f"{self.url}/chat")
        expect(self.page.locator(".mrc-chat")).to_be_visible()

    @property
    def bot(self) -> Any:
        return self.page.locator(".mrc-bot")

    @property
    def mine(self) -> Any:
        return self.page.locator(".mrc-user")

    def tool(self, label: str) -> Any:
        """One of the controls in the chat's header."""
        return self.page.locator(".mrc-tools").get_by_role("button", name=label, exact=True)

    def say(self, text: str) -> None:
        """Type a message and press Enter; wait until the bot has answered."""
        count = self.bot.count()
        box = self.page.locator("#mrc-input")  # its label follows the conversation's language
        box.fill(text)
        box.press("Enter")
        self.wait_for_answer(count)

    def press(self, title: str) -> None:
        """Press the last quick-reply button with this title; wait for the answer."""
        count = self.bot.count()
        self.page.locator(".mrc-reply", has_text=title).last.click()
        self.wait_for_answer(count)

    def wait_for_answer(self, count: int) -> None:
        expect(self.bot.nth(count)).to_be_attached()
        expect(self.page.locator(".mrc-send")).to_be_enabled()

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))

    def axe(self) -> list[dict[str, Any]]:
        """The serious and critical violations axe-core finds on the page."""
        assert AXE.exists(), "axe-core is missing: run `npm ci --prefix tests/browser/axe`"
        self.page.evaluate(AXE.read_text(encoding="utf-8"))
        violations: list[dict[str, Any]] = self.page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                .map(v => ({id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.map(n => n.target.join(' '))}))"""
        )
        return [v for v in violations if v["impact"] in {"serious", "critical"}]


@pytest.fixture
def chat(browser: Browser, webchat_server: WebChatServer) -> Iterator[Chat]:
    context = browser.new_context(viewport={"width": 420, "height": 820}, locale="en-GB")
    chat = Chat(context.new_page(), webchat_server.url)
    yield chat
    context.close()
    assert chat.errors == []


def answer_start(content: Content, topic: str) -> str:
    return content.topics[topic].translations["en"].answer[0].split("{")[0].strip()[:60]


def test_a_conversation_with_buttons_arabic_and_a_reload(chat: Chat, content: Content) -> None:
    en = content.conversation["en"].texts
    ar = content.conversation["ar"].texts
    chat.open()
    notice = chat.page.locator(".mrc-notice")
    expect(notice).to_contain_text(en["privacy_notice"].strip()[:60])
    expect(notice.get_by_role("button", name=en["button_privacy"])).to_be_visible()
    chat.shot("01-first-open")

    chat.say("hello")
    expect(chat.bot.first).to_contain_text("Migrant Resource Centre's assistant")
    expect(chat.page.locator(".mrc-reply", has_text=en["group_risk"])).to_be_visible()
    chat.shot("02-greeted")

    chat.press(en["group_risk"])
    chat.press(content.topics["smuggling_dangers"].translations["en"].label)
    expect(chat.page.locator(".mrc-log")).to_contain_text(
        answer_start(content, "smuggling_dangers")
    )
    chat.shot("03-answer")

    chat.tool(en["button_language"]).click()
    expect(chat.page.locator(".mrc-reply", has_text=ar["language_name"])).to_be_visible()
    chat.press(ar["language_name"])
    arabic = chat.page.locator(".mrc-bot", has_text=ar["language_set"])
    expect(arabic).to_have_attribute("dir", "rtl")
    assert arabic.evaluate("node => getComputedStyle(node).direction") == "rtl"
    # The controls now speak Arabic too.
    expect(chat.tool(ar["button_counsellor"])).to_be_visible()
    chat.say("/menu")
    expect(chat.bot.last.locator(".mrc-reply").first).to_have_text(RLM + ar["group_legal"])
    expect(chat.bot.last).to_have_attribute("dir", "rtl")
    chat.shot("04-arabic")

    bot_texts = chat.bot.all_inner_texts()
    my_texts = chat.mine.all_inner_texts()
    chat.page.reload()
    expect(chat.bot).to_have_count(len(bot_texts))
    assert chat.bot.all_inner_texts() == bot_texts
    assert chat.mine.all_inner_texts() == my_texts
    expect(chat.bot.last).to_have_attribute("dir", "rtl")
    expect(chat.page.locator(".mrc-notice")).to_have_count(0)
    chat.shot("05-reloaded")
    assert chat.dialogs == []


def test_markup_is_shown_as_text_and_runs_nothing(chat: Chat) -> None:
    chat.open()
    chat.say(XSS)
    expect(chat.mine.last.locator(".mrc-text")).to_have_text(XSS)
    assert chat.page.locator(".mrc-chat img").count() == 0
    chat.page.wait_for_timeout(500)  # an onerror handler would have run by now
    chat.shot("06-markup-as-text")
    assert chat.dialogs == []
    chat.page.reload()
    expect(chat.mine.last.locator(".mrc-text")).to_have_text(XSS)
    assert chat.page.locator(".mrc-chat img").count() == 0
    assert chat.dialogs == []


def test_links_in_answers_are_safe_and_clickable(chat: Chat, content: Content) -> None:
    chat.open()
    chat.say("where is the centre office and when is it open")
    chat.press(content.conversation["en"].texts["country_LK"])
    link = chat.page.locator(".mrc-bot a[href='https://example.org/mrc']").first
    expect(link).to_have_text("https://example.org/mrc")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(link).to_have_attribute("target", "_blank")
    hrefs = chat.page.locator(".mrc-log a").evaluate_all("links => links.map(a => a.protocol)")
    assert set(hrefs) <= {"http:", "https:"}
    chat.shot("07-link")


def test_sending_waits_and_a_failure_offers_a_retry(chat: Chat) -> None:
    chat.open()
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    chat.page.route("**/webhooks/webchat/webhook", hold)
    send = chat.page.locator(".mrc-send")
    chat.page.get_by_label("Your message").fill("hello")
    chat.page.get_by_label("Your message").press("Enter")
    expect(send).to_be_disabled()
    chat.page.wait_for_timeout(200)  # let the held request reach the handler
    assert len(held) == 1
    held[0].abort()
    retry = chat.page.get_by_role("button", name="Try again")
    expect(retry).to_be_visible()
    expect(send).to_be_enabled()
    expect(chat.mine.last).to_have_class("mrc-msg mrc-user mrc-failed")
    chat.shot("08-failed")
    chat.page.unroute("**/webhooks/webchat/webhook")
    retry.click()
    expect(chat.bot.first).to_contain_text("Migrant Resource Centre's assistant")
    expect(retry).to_have_count(0)
    expect(chat.mine).to_have_count(1)
    chat.shot("09-retried")


def test_privacy_counsellor_and_delete_controls(chat: Chat, content: Content) -> None:
    en = content.conversation["en"].texts
    chat.open()
    chat.page.get_by_role("button", name=en["button_privacy"]).click()
    chat.wait_for_answer(0)
    expect(chat.bot.first).to_contain_text(answer_start(content, "data_privacy"))
    count = chat.bot.count()
    chat.tool("Talk to a counsellor").click()
    chat.wait_for_answer(count)
    expect(chat.mine.last).to_have_text("You:Talk to a counsellor")
    chat.tool("Delete my data").click()
    chat.wait_for_answer(chat.bot.count())
    expect(chat.bot.last).to_contain_text(en["delete_confirm"].strip()[:40])
    chat.shot("10-delete-confirm")
    chat.page.locator(".mrc-reply", has_text=en["button_delete_yes"]).click()
    expect(chat.bot).to_have_count(1)
    expect(chat.bot.first).to_contain_text("Done. Erased")
    expect(chat.mine).to_have_count(0)
    chat.page.reload()
    expect(chat.bot).to_have_count(1)
    expect(chat.mine).to_have_count(0)
    chat.shot("11-deleted")


def test_keyboard_only(chat: Chat) -> None:
    chat.open()
    page = chat.page
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "mrc-input":
            break
    assert page.evaluate("document.activeElement.id") == "mrc-input"
    page.keyboard.type("hello")
    count = chat.bot.count()
    page.keyboard.press("Enter")
    chat.wait_for_answer(count)
    # Shift+Tab from the input walks back through the quick replies of the last message.
    page.keyboard.press("Shift+Tab")
    focused = page.evaluate(
        "[document.activeElement.className, document.activeElement.textContent]"
    )
    assert "mrc-reply" in focused[0]
    count = chat.bot.count()
    page.keyboard.press("Enter")
    chat.wait_for_answer(count)
    expect(chat.mine.last.locator(".mrc-text")).to_have_text(focused[1])


def test_no_serious_accessibility_violations(chat: Chat, content: Content) -> None:
    chat.open()
    expect(chat.page.locator(".mrc-notice")).to_be_visible()
    assert chat.axe() == []
    chat.say("hello")
    assert chat.axe() == []
    chat.say('/set_language{"language":"ar"}')
    chat.say("/menu")
    assert chat.axe() == []
    log = chat.page.locator(".mrc-log")
    expect(log).to_have_attribute("aria-live", "polite")
    # The message box keeps an accessible label in the conversation's language.
    box = chat.page.get_by_label(content.conversation["ar"].texts["input_label"])
    expect(box).to_have_attribute("maxlength", "2000")


def test_the_page_is_small_and_loads_nothing_from_elsewhere(
    chat: Chat, webchat_server: WebChatServer
) -> None:
    sizes: dict[str, int] = {}
    hosts: set[str] = set()

    def seen(response: Any) -> None:
        hosts.add(urlsplit(response.url).netloc)
        path = urlsplit(response.url).path
        if path.startswith("/chat"):
            sizes[path] = len(response.body())

    chat.page.on("response", seen)
    chat.open()
    chat.page.wait_for_load_state("networkidle")
    assert set(sizes) == {"/chat", "/chat/widget.js", "/chat/widget.css"}
    assert sum(sizes.values()) < 100 * 1024, sizes
    assert hosts == {urlsplit(webchat_server.url).netloc}


@pytest.fixture
def centre_site(webchat_server: WebChatServer) -> Iterator[str]:
    """A centre's own site on another origin, whose page carries the one-line snippet."""
    snippet = f'<script src="{webchat_server.url}/chat/widget.js" data-mrc-chat async></script>'
    page = (
        '<!doctype html><html lang="en"><head><title>A centre</title></head><body>'
        f"<main><h1>A centre's own page</h1><p>Welcome.</p></main>{snippet}</body></html>"
    ).encode()

    class Site(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_the_snippet_embeds_the_widget_in_another_site(
    browser: Browser, webchat_server: WebChatServer, centre_site: str
) -> None:
    context = browser.new_context(viewport={"width": 800, "height": 760}, locale="en-GB")
    chat = Chat(context.new_page(), webchat_server.url)
    page = chat.page
    try:
        page.goto(centre_site)
        launcher = page.get_by_role("button", name="Chat with us")
        expect(launcher).to_have_attribute("aria-expanded", "false")
        launcher.click()
        expect(page.locator(".mrc-panel")).to_be_visible()
        chat.say("hello")  # a cross-origin call to the assistant
        expect(chat.bot.first).to_contain_text("Migrant Resource Centre's assistant")
        chat.shot("12-embedded")
        assert chat.axe() == []
        page.keyboard.press("Escape")
        expect(page.locator(".mrc-panel")).to_be_hidden()
        expect(launcher).to_be_focused()
        assert chat.dialogs == [] and chat.errors == []
    finally:
        context.close()
