"""Telephone numbers of responsible persons, as rosters really hold them.

Rosters come from Excel, which turns an 11-digit mobile number into a number: saved back as text it
reads ``18848644698.0`` (digits intact: repaired) or ``1.33648E+10`` (digits lost: cannot be
repaired). A number printed on a sign board must be one a farmer can call, so anything that is not
a mainland mobile (11 digits starting with 1) or a landline (area code 0xx/0xxx and 7–8 digits, or
7–8 digits alone) is flagged, never copied silently.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional

from .messages import QT_TR_NOOP, Message

OK, REPAIRED, INVALID = "ok", "repaired", "invalid"

_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"(0\d{2,3})?[2-9]\d{6,7}")
_SEPARATORS = re.compile(r"[;,/、，；]+")
_PUNCTUATION = re.compile(r"[\s()（）\-－—]+")
_FLOAT = re.compile(r"[+-]?\d+(\.\d*)?([eE][+-]?\d+)?")


@dataclass(frozen=True)
class PhoneCheck:
    """The number as it will be printed (digits; landlines as ``0xxx-xxxxxxx``) and whether it had to be repaired
    (a spreadsheet's float form with every digit intact) or cannot be used."""

    text: str
    status: str
    message: Optional[Message] = None


def _float_digits(text: str) -> Optional[str]:
    """The digits of a number a spreadsheet wrote as a float, when every digit survived; None otherwise."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if number <= 0 or number != number.to_integral_value():
        return None
    digits = str(int(number))
    mantissa, _, exponent = text.lower().partition("e")
    # 1.33648E+10 keeps 6 of 11 digits: the zeros after them are made up. 18848644698.0 keeps all.
    if exponent and len(mantissa.replace(".", "").lstrip("+0")) < len(digits):
        return None
    return digits


def _classify(digits: str) -> Optional[str]:
    if _MOBILE.fullmatch(digits):
        return digits
    if _LANDLINE.fullmatch(digits):
        if digits.startswith("0"):
            area = 3 if digits[1] in "12" else 4  # 010 and 02x are the three-digit area codes
            return f"{digits[:area]}-{digits[area:]}"
        return digits
    return None


def check_phone(value) -> PhoneCheck:
    """One number (or several separated by ``;``, ``,``, ``/`` or ``、``) checked and, where safe, repaired."""
    if value is None or str(value).strip() == "":
        return PhoneCheck("", OK)
    parts = [p.strip() for p in _SEPARATORS.split(str(value).strip()) if p.strip()]
    texts, repaired = [], False
    for part in parts:
        raw = re.sub(r"^(\+86|0086)", "", part).strip()
        if _FLOAT.fullmatch(raw) and ("." in raw or "e" in raw.lower()):
            digits = _float_digits(raw)
            if digits is None:
                return PhoneCheck(
                    str(value).strip(),
                    INVALID,
                    Message(
                        QT_TR_NOOP("Phone {phone!r} was turned into a number by a spreadsheet and lost digits: type it again"),
                        phone=part,
                    ),
                )
            repaired = True
        else:
            digits = _PUNCTUATION.sub("", raw)
        printed = _classify(digits) if digits.isdigit() else None
        if printed is None:
            return PhoneCheck(
                str(value).strip(),
                INVALID,
                Message(
                    QT_TR_NOOP(
                        "Phone {phone!r} is neither a mobile number (11 digits starting with 1) nor a landline "
                        "(area code and 7–8 digits)"
                    ),
                    phone=part,
                ),
            )
        texts.append(printed)
    text = "; ".join(texts)
    return PhoneCheck(text, REPAIRED if repaired else OK)
