import pytest

from bot.language import (
    RTL_LANGUAGES,
    LanguageIdentifier,
    choose_language,
    directed,
    named_language,
    script_of,
)

TRAINING = [
    ("how do i get a work visa", "en"),
    ("is this agent real or fake", "en"),
    ("my brother is missing on the route", "en"),
    ("bhai saudi ka visa kaise milega", "ur-latn"),
    ("agent ne paise le liye ab kya karun", "ur-latn"),
    ("mujhe kisi insaan se baat karni hai", "ur-latn"),
    ("mera bhai rasta me gum ho gaya hai", "ur-latn"),
    ("زه غواړم په قانوني ډول بهر ته لاړ شم", "ps"),
    ("زما ورور په لاره کې ورک دی", "ps"),
    ("مرسته غواړم، په خطر کې یم", "ps"),
    ("میخواهم قانونی به خارج بروم", "fa"),
    ("برادرم در راه گم شده", "fa"),
    ("کمک میخواهم در خطر هستم", "fa"),
    ("میں قانونی طریقے سے باہر جانا چاہتا ہوں", "ur"),
    ("میرا بھائی راستے میں گم ہو گیا ہے", "ur"),
    ("اريد اسافر بطريقة قانونية", "ar"),
    ("اخوي ضايع بالطريق", "ar"),
    ("شلون احصل فيزا عمل", "ar"),
]


@pytest.fixture(scope="module")
def identifier() -> LanguageIdentifier:
    texts, labels = zip(*TRAINING, strict=True)
    return LanguageIdentifier(["en", "fa", "ps", "ur", "bn", "ar", "ru"]).fit(
        list(texts), list(labels)
    )


def test_script_of_prefers_the_non_latin_script_in_code_mixing() -> None:
    assert script_of("visa")[0] == "latin"
    assert script_of("ای Migrant Resource Centre چی services میته؟ free اس؟")[0] == "arabic"
    assert script_of("এই Migrant Resource Centre কী কী services দেয়?")[0] == "bengali"
    assert script_of("🙂 ?") == ("none", 0)


@pytest.mark.parametrize(
    ("text", "language", "variant"),
    [
        ("how can i check the agency licence", "en", None),
        ("bhai dubai ka visa kaise milta hai", "ur", "ur-latn"),
        ("ویزه کار چطور بگیرم", "fa", None),
        ("زه څنګه کاري ویزه واخلم", "ps", None),
        ("مجھے ویزا کیسے ملے گا", "ur", None),
        ("شلون اطلع فيزا للعمل بالخارج", "ar", None),
        ("как получить рабочую визу", "ru", None),
        ("আমি কীভাবে কাজের ভিসা পাব", "bn", None),
    ],
)
def test_detects_each_language(
    identifier: LanguageIdentifier, text: str, language: str, variant: str | None
) -> None:
    detection = identifier.detect(text)
    assert (detection.language, detection.variant) == (language, variant)
    assert 0 < detection.confidence <= 1


@pytest.mark.parametrize("text", ["?", "🙂", "ok!", "", "  ", "12345"])
def test_too_little_text_is_undecided(identifier: LanguageIdentifier, text: str) -> None:
    if text == "ok!":
        assert identifier.detect(text).language in {"en", "ur"}
    else:
        assert identifier.detect(text).language is None


def test_choose_language_keeps_current_on_short_or_unclear_messages() -> None:
    assert choose_language(None, "fa", 0.9, "سلام") == "fa"
    assert choose_language(None, None, 0.0, "🙂") == "en"
    assert choose_language("fa", "en", 0.9, "ok") == "fa"
    assert choose_language("fa", None, 0.0, "?") == "fa"
    assert choose_language("fa", "en", 0.4, "ok thanks bro") == "fa"
    assert choose_language("fa", "en", 0.9, '/set_country{"country":"AF"}') == "fa"
    assert choose_language("fa", "ru", 0.95, "как получить визу") == "ru"
    # Before a language is set, the channel's hint settles a one-word greeting.
    assert choose_language(None, "ar", 0.5, "سلام", hint="fa") == "fa"
    assert choose_language(None, "ru", 0.95, "как получить визу", hint="fa") == "ru"
    assert choose_language(None, None, 0.0, "/greet", hint="ps") == "ps"


def test_directed_marks_rtl_lines_only() -> None:
    assert directed("hello\nworld", "en") == "hello\nworld"
    text = directed("سلام\nمرکز: 000", "fa")
    assert all(line.startswith("\u200f") for line in text.split("\n"))
    assert directed(text, "fa") == text
    assert {"fa", "ps", "ur", "ar"} <= RTL_LANGUAGES


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("speak dari please", "fa"),
        ("به پشتو گپ بزن", "ps"),
        ("на русском пожалуйста", "ru"),
        ("urdu mein baat karo", "ur"),
        ("বাংলায় বলুন", "bn"),
        ("english or urdu?", None),
        ("how do i get a visa", None),
    ],
)
def test_named_language(text: str, code: str | None) -> None:
    assert named_language(text) == code
