"""Bytes to text: detect the encoding of a crawled file, or say why it is not text."""
from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control characters above which a decoded file is taken to be binary.
_MAX_CONTROL_SHARE = 0.01
# the control characters (Unicode category Cc) but \t \n \v \f \r
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class NotText(ValueError):
    """Raised when a file cannot be read as text; the message is the reason shown to the user."""


def _plausible_share(text: str) -> float:
    """The share of characters a Chinese news text is made of: Han, ASCII, CJK punctuation, full-width forms."""
    plausible = sum(1 for ch in text if ch.isascii() and (ch.isprintable() or ch in "\t\n\r")
                    or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\u2000" <= ch <= "\u206f")
    return plausible / max(len(text), 1)


def _utf16_without_bom(data: bytes) -> str | None:
    """Read UTF-16 with no byte-order mark, when one byte order gives plausible text."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible_share(text) > 0.9:
            return text
    return None


def _looks_binary(text: str) -> bool:
    # counted by a regex, in C: a loop over the characters in Python took most of the time a file is read
    return _CONTROL.subn("", text)[1] > _MAX_CONTROL_SHARE * len(text)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes.

    data: the raw bytes of one file.
    Returns (text, encoding name); raises NotText with a one-line reason.
    """
    if not data.strip():
        raise NotText("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise NotText(f"starts with a {encoding} byte-order mark but does not decode: {error.reason}") from None
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise NotText("binary file (NUL bytes, not UTF-16)")
        encoding = "utf-16"
    else:
        text, encoding = _decode_8bit(data)
    if _looks_binary(text):
        raise NotText("binary file (control characters)")
    return text, encoding


def _decode_8bit(data: bytes) -> tuple[str, str]:
    # UTF-8 first: valid UTF-8 Chinese is almost never valid GB18030 by accident, the reverse is common.
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise NotText("not UTF-8, UTF-16 or GB18030 text")
