"""Checksums and plausibility of the numbers S03–S05 look for (python-stdnum for the arithmetic).

``stdnum.cn.ric.is_valid`` also checks the birthplace against a bundled county table that lacks real
counties (it rejects 530925), so resident IDs use the check digit and the birth date only.
python-stdnum is imported on first use: most texts never hold a number long enough to need it.
"""

from __future__ import annotations

from datetime import date

EARLIEST_BIRTH = date(1900, 1, 1)
CARD_ISSUER_DIGITS = "3456"  # first digit of a payment card number
SERIAL_YEARS = (1990, 2099)  # a 16–19 digit number starting with YYYYMM in these years is a dated serial
MOBILE_SECOND_DIGITS = "3456789"  # mainland mobiles: 1, then one of these
COUNTRY_CODE = "86"
# GB 11643-1999 (ISO 7064 MOD 11-2), for the browser's copy of the check (issue 16; Python uses python-stdnum):
# digit i (0-based) weighs 2^(17-i) mod 11, and the check character is ID_CHECK_CHARS[weighted sum mod 11].
ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
ID_CHECK_CHARS = "10X98765432"
# Order and serial numbers in Chinese offices usually begin with a date (2026112500012345); card numbers never
# do (issuer prefixes: UnionPay 62/60/9, Visa 4, Mastercard 5 and 2221–2720, JCB/Amex/Diners 3).


def _birth_date(year: int, month: int, day: int, today: date) -> date | None:
    try:
        born = date(year, month, day)
    except ValueError:
        return None
    return born if EARLIEST_BIRTH <= born <= today else None


def is_resident_id(number: str, today: date) -> bool:
    """18 characters: GB 11643 check digit (X allowed) and a real birth date not after ``today``."""
    if len(number) != 18 or not number[:17].isdigit() or number[0] in "09":
        return False
    from stdnum.cn import ric

    if ric.calc_check_digit(number) != number[17].upper():
        return False
    return _birth_date(int(number[6:10]), int(number[10:12]), int(number[12:14]), today) is not None


def is_id_shaped(number: str, today: date) -> bool:
    """18 characters like an ID number (region digit 1–8, a real birth date), whatever the check digit.

    Beside 身份证号 or a certificate word such a number is a mistyped ID number: still personal data.
    """
    if len(number) != 18 or not number[:17].isdigit() or number[0] in "09" or number[17] not in "0123456789Xx":
        return False
    return _birth_date(int(number[6:10]), int(number[10:12]), int(number[12:14]), today) is not None


def is_legacy_id(number: str, today: date) -> bool:
    """15 digits (the pre-1999 form): a real 19yy birth date. Only meaningful beside 身份证 words."""
    if len(number) != 15 or not number.isdigit() or number[0] in "09":
        return False
    return _birth_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]), today) is not None


def is_card_length(number: str) -> bool:
    return 16 <= len(number) <= 19 and number.isdigit()


def is_luhn(number: str) -> bool:
    from stdnum import luhn

    return luhn.is_valid(number)


def has_card_prefix(number: str) -> bool:
    """Issuer digit of a payment card (3 JCB/Amex, 4 Visa, 5 Mastercard, 6 UnionPay) and not one repeated digit."""
    return number[0] in CARD_ISSUER_DIGITS and len(set(number)) > 1


def starts_with_date(number: str) -> bool:
    """``YYYYMM`` with a year 1990–2099 and a real month: a dated serial number, not a card."""
    return SERIAL_YEARS[0] <= int(number[:4]) <= SERIAL_YEARS[1] and 1 <= int(number[4:6]) <= 12


def is_mobile(number: str) -> bool:
    """Mainland mobile: 1[3-9] and nine more digits (``86`` country code allowed in front)."""
    if len(number) == 13 and number.startswith(COUNTRY_CODE):
        number = number[2:]
    return len(number) == 11 and number.isdigit() and number[0] == "1" and number[1] in MOBILE_SECOND_DIGITS


def is_uscc(number: str) -> bool:
    """统一社会信用代码 with a valid check character."""
    from stdnum.cn import uscc

    return uscc.is_valid(number)
