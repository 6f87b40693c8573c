"""Indonesian publication dates: machine-readable timestamps and printed date lines.

Vocabulary from ../shared/data/id_date_tokens.tsv (compiled for this project): day and month
names with their abbreviations and old spellings, WIB/WITA/WIT zones, "pukul"/"pkl"/"jam".
All numeric dates are day-first. A printed zone is trusted only as far as the page prints it;
the caller decides which source wins (see ``extract.metadata``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "mrt": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agust": 8, "agst": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}
ZONES = {"wib": 7, "wita": 8, "wit": 9}

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_ZONE = r"(?P<zone>WITA|WIT|WIB|Wita|Wib|Wit)\b"
_TIME = (
    r"(?:(?:pukul|pkl\.?|jam|at|[,|\-–—/@])\s*)*"
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?"
    r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?"
    r"(?:\s*" + _ZONE + r")?"
)
_SEP = r"[\s,|\-–—/]*"
# "Rabu, 4 Desember 2024 - 09:36 WIB", "04 Des 2024 09:36", "4 Desember 2024 pukul 09.36 Wita"
_TEXT_DATE = re.compile(
    r"\b(?P<day>\d{1,2})\s+(?P<month>" + _MONTH_ALT + r")\.?,?\s+(?P<year>(?:19|20)\d{2})\b"
    r"(?:" + _SEP + _TIME + r")?",
    re.IGNORECASE,
)
# English order sometimes used by bilingual portals: "November 4, 2015 | 07:28 am"
_TEXT_DATE_MDY = re.compile(
    r"\b(?P<month>" + _MONTH_ALT + r")\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d{2})\b"
    r"(?:" + _SEP + _TIME + r")?",
    re.IGNORECASE,
)
# "04/12/2024, 09:36 WITA", "04-06-2024 12:45:26 PM" (always day-first)
_NUMERIC_DATE = re.compile(
    r"\b(?P<day>\d{1,2})[/.\-](?P<month>\d{1,2})[/.\-](?P<year>(?:19|20)\d{2})\b"
    r"(?:" + _SEP + _TIME + r")?"
)
# "2024-12-04 09:36" printed as is by some CMS templates (year first)
_YEAR_FIRST_DATE = re.compile(
    r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"
    r"(?:[\sT,|\-–—]*" + _TIME + r")?"
)
_ISO = re.compile(
    r"^\s*(?P<year>\d{4})(?P<sep>[-/])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"(?:[T\s]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<offset>Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:/|$)")
_URL_COMPACT_DATE = re.compile(r"/(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})(?:\d{4,})?/")


@dataclass(frozen=True)
class Stamp:
    """A publication time as found: local wall time plus the offset, if any was found."""

    day: date
    hour: int | None = None
    minute: int = 0
    second: int = 0
    offset_hours: float | None = None

    @property
    def has_time(self) -> bool:
        return self.hour is not None

    def with_offset(self, hours: float) -> Stamp:
        return Stamp(self.day, self.hour, self.minute, self.second, hours)

    def shifted_to(self, hours: float) -> Stamp:
        """The same instant on the wall clock of another offset (needs a time and an offset)."""
        moved = self._aware().astimezone(timezone(timedelta(hours=hours)))
        return Stamp(moved.date(), moved.hour, moved.minute, moved.second, hours)

    def local_iso(self) -> str:
        """ISO 8601 as the page gives it: with offset when time and offset are known, else the day."""
        if self.hour is None or self.offset_hours is None:
            return self.day.isoformat()
        return self._aware().isoformat()

    def utc_iso(self) -> str | None:
        """The UTC instant, or None without a time and an offset."""
        if self.hour is None or self.offset_hours is None:
            return None
        return self._aware().astimezone(UTC).isoformat().replace("+00:00", "Z")

    def _aware(self) -> datetime:
        zone = timezone(timedelta(hours=self.offset_hours or 0))
        return datetime(
            self.day.year, self.day.month, self.day.day, self.hour or 0, self.minute, self.second,
            tzinfo=zone,
        )


def _make(year: int, month: int, day: int, hour=None, minute=0, second=0, offset=None):
    try:
        the_day = date(int(year), int(month), int(day))
    except ValueError:
        return None
    if hour is not None:
        hour, minute, second = int(hour), int(minute or 0), int(second or 0)
        if not (0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59):
            return None
    return Stamp(the_day, hour, minute, second, offset)


def _parse_offset(text: str | None) -> float | None:
    if not text:
        return None
    if text == "Z":
        return 0.0
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return sign * (int(digits[:2]) + (int(digits[2:4]) / 60 if len(digits) > 2 else 0))


def parse_iso(text: str | None) -> Stamp | None:
    """A machine-readable timestamp (JSON-LD, meta, <time datetime>), offset kept when present."""
    if not text:
        return None
    match = _ISO.match(text)
    if not match:
        return None
    g = match.groupdict()
    return _make(g["year"], g["month"], g["day"], g["hour"], g["minute"], g["second"],
                 _parse_offset(g["offset"]))


def _clock(g: dict) -> tuple[int | None, int, int]:
    if g.get("hour") is None:
        return None, 0, 0
    hour = int(g["hour"])
    ampm = (g.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return hour, int(g["minute"]), int(g.get("second") or 0)


def _month_number(token: str) -> int | None:
    return MONTHS.get(token.lower().rstrip("."))


# "10:15 WIB - Kamis, 28 November 2024": the clock and its zone printed before the date
_TIME_BEFORE_DATE = re.compile(
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?\s*" + _ZONE
    + r"[\s,|\-–—/]*(?:(?:senin|selasa|rabu|kamis|jum.?at|sabtu|minggu|ahad)\W*)?$",
    re.IGNORECASE,
)


def parse_printed(text: str) -> Stamp | None:
    """The first Indonesian (or English) date line in ``text``, with time and printed zone."""
    best = None
    for pattern in (_TEXT_DATE, _TEXT_DATE_MDY, _NUMERIC_DATE, _YEAR_FIRST_DATE):
        match = pattern.search(text)
        if match and (best is None or match.start() < best.start()):
            best = match
    if best is None:
        return None
    g = best.groupdict()
    month = int(g["month"]) if g["month"].isdigit() else _month_number(g["month"])
    if month is None:
        return None
    if g.get("hour") is None:
        before = _TIME_BEFORE_DATE.search(text, max(0, best.start() - 40), best.start())
        if before:
            g = {**g, **before.groupdict()}
    hour, minute, second = _clock(g)
    zone = g.get("zone")
    offset = ZONES.get(zone.lower()) if zone else None
    return _make(g["year"], month, g["day"], hour, minute, second, offset)


def printed_zone(text: str) -> float | None:
    """The zone printed next to a clock time anywhere in ``text`` (WIB/WITA/WIT)."""
    match = re.search(r"\d{1,2}[:.]\d{2}\s*" + _ZONE, text)
    return ZONES[match.group("zone").lower()] if match else None


def parse_url(url: str | None) -> Stamp | None:
    """A day from a permalink: /2024/11/29/slug or /20241129.../."""
    if not url:
        return None
    for pattern in (_URL_DATE, _URL_COMPACT_DATE):
        match = pattern.search(url)
        if match:
            stamp = _make(match["year"], match["month"], match["day"])
            if stamp:
                return stamp
    return None
