from pathlib import Path

from bot.privacy.pseudonym import is_pseudonym, load_or_create_key, pseudonymise


def test_pseudonym_is_keyed_stable_and_per_channel() -> None:
    first = pseudonymise("123456789", b"key-one", "telegram")
    assert first == pseudonymise("123456789", b"key-one", "telegram")
    assert first != pseudonymise("123456789", b"key-two", "telegram")
    assert first != pseudonymise("123456789", b"key-one", "webchat")
    assert "123456789" not in first
    assert is_pseudonym(first)
    assert pseudonymise(first, b"key-two") == first
    assert not is_pseudonym("p_not-a-hash")


def test_development_key_is_created_once_and_private(tmp_path: Path) -> None:
    key_file = tmp_path / "var" / "secret.key"
    key = load_or_create_key("", key_file)
    assert len(key) == 64
    assert load_or_create_key("", key_file) == key
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert load_or_create_key("configured", key_file) == b"configured"
