from bot.dashboard.html import Safe, escape, join, render


def test_values_are_escaped() -> None:
    assert render('<p title="{t}">{v}</p>', t='"x"', v="<b>&") == (
        '<p title="&quot;x&quot;">&lt;b&gt;&amp;</p>'
    )


def test_safe_markup_is_kept() -> None:
    inner = render("<b>{v}</b>", v="<i>")
    assert render("<p>{inner}</p>", inner=inner) == "<p><b>&lt;i&gt;</b></p>"
    assert join([Safe("<br>"), "<br>"]) == "<br>&lt;br&gt;"
    assert escape(None) == ""
    assert render("{v}", v="{other}") == "{other}"
