"""Money: a number next to a currency word or sign is a sum, and stays."""

from __future__ import annotations

from bot.privacy.anonymiser.text import folded_pattern

__all__ = ["is_money"]


_CURRENCY = folded_pattern(
    r"(?<![^\W\d_])(?:rs\.?|pkr|inr|afn|afs|afghanis?|bdt|tk\.?|taka|iqd|dinars?|usd|dollars?|euros?|eur|"
    r"aed|dirhams?|dhs?|sar|riyals?|qar|kwd|omr|bhd|rub|rubles?|roubles?|won|yen|rm|ringgit|"
    r"lkr|rupees?|lakhs?|lacs?|crores?|million|thousand|hazar|som|somoni|sum|pounds?|gbp|"
    r"روپے|روپیہ|روپیه|روپۍ|افغانی|افغانۍ|دالر|ډالر|ڈالر|دولار|یورو|يورو|درهم|ریال|ريال|دينار|تومان|"
    r"لاکھ|لاکه|لکه|کروڑ|هزار|ہزار|زر|টাকা|লাখ|কোটি|হাজার|ডলার|"
    r"руб\.?|рублей|рубля|рубль|долларов|доллара|евро|тысяч|тыс\.?|сомони|сом|сум|млн)(?!\w)"
    r"|[$€£৳₽₹]"
)


def is_money(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] is a sum: a currency word or sign next to it."""
    after = text[end : end + 12].lstrip()
    before = text[max(0, start - 12) : start].rstrip()
    if _CURRENCY.match(after):
        return True
    return any(m.end() == len(before) for m in _CURRENCY.finditer(before))
