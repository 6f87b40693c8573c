"""Indonesian date lines and machine-readable timestamps (formats seen on Kaltim portals)."""

from __future__ import annotations

from datetime import date

import pytest

from kutim_corpus.dates import Stamp, parse_iso, parse_printed, parse_url, printed_zone


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("Rabu, 4 Desember 2024 - 09:36 WIB", "2024-12-04T09:36:00+07:00"),
        ("04/12/2024, 09:36 WITA", "2024-12-04T09:36:00+08:00"),
        ("Diposting pada 04/06/2024 12:45:26 PM WITA", "2024-06-04T12:45:26+08:00"),
        ("Senin, 13 Januari 2025 | 14:20 Wita", "2025-01-13T14:20:00+08:00"),
        ("Jum'at, 6 Agst 2024 pkl 14.05 WIT", "2024-08-06T14:05:00+09:00"),
        ("Jum’at, 16 Agustus 2024 pukul 07.30 WIB", "2024-08-16T07:30:00+07:00"),
        ("Kamis, 5 Nopember 2015 12:05 AM WIB", "2015-11-05T00:05:00+07:00"),
        ("Terbit: 17 Pebruari 2017 - 13:30 WIB", "2017-02-17T13:30:00+07:00"),
        ("Wednesday, 04 November, 2015 |  07:28 WIB", "2015-11-04T07:28:00+07:00"),
        ("November 4, 2015 | 07:28 pm WIB", "2015-11-04T19:28:00+07:00"),
        # lines of national and regional portals in 2024-2026
        ("Kompas.com - 28/11/2024, 10:15 WIB", "2024-11-28T10:15:00+07:00"),
        ("Kamis, 28/11/2024, 10.15 WIT", "2024-11-28T10:15:00+09:00"),
        ("Kamis, 28 November 2024 | 10:15 WITA", "2024-11-28T10:15:00+08:00"),
        ("Diperbarui 28 Nov 2024, 11:00 WIB", "2024-11-28T11:00:00+07:00"),
        ("Kamis, 28 Nov 2024 11:15 WITA", "2024-11-28T11:15:00+08:00"),
        ("10:15 WIB - Kamis, 28 November 2024", "2024-11-28T10:15:00+07:00"),
        ("Pukul 10.15 WITA, 28/11/2024", "2024-11-28T10:15:00+08:00"),
    ],
)
def test_printed_lines_with_time_and_zone(text, local):
    assert parse_printed(text).local_iso() == local


def test_wit_is_not_read_as_wita_and_back():
    assert parse_printed("04/12/2024 09:36 WITA").offset_hours == 8
    assert parse_printed("04/12/2024 09:36 WIT").offset_hours == 9


def test_numeric_dates_are_day_first():
    assert parse_printed("04/06/2024").day == date(2024, 6, 4)
    assert parse_printed("Rabu, 04 Des 2024 09:36").day == date(2024, 12, 4)


def test_a_line_without_zone_has_a_time_but_no_offset():
    stamp = parse_printed("Rabu, 04 Des 2024 09:36")
    assert stamp.has_time and stamp.offset_hours is None
    assert stamp.local_iso() == "2024-12-04"  # no invented offset
    assert stamp.utc_iso() is None


def test_day_only_lines():
    stamp = parse_printed("Minggu, 1 Desember 2024")
    assert stamp.day == date(2024, 12, 1) and not stamp.has_time


def test_impossible_dates_are_not_dates():
    assert parse_printed("31/02/2024 10:00 WIB") is None
    assert parse_printed("Dibaca 1.245 kali") is None


def test_iso_timestamps_keep_their_offset_or_its_absence():
    assert parse_iso("2024-12-04T09:36:00+08:00").utc_iso() == "2024-12-04T01:36:00Z"
    assert parse_iso("2016-02-16T13:01:52+0700").local_iso() == "2016-02-16T13:01:52+07:00"
    assert parse_iso("2016-02-23 T16:00:20Z").offset_hours == 0
    no_offset = parse_iso("2017-02-17 13:30:08")
    assert no_offset.has_time and no_offset.offset_hours is None
    assert parse_iso("not a date") is None


def test_offset_without_minutes():
    assert parse_iso("2024-11-28T10:15:00+07").utc_iso() == "2024-11-28T03:15:00Z"
    assert parse_iso("2024-11-28T10:15:00+0800").offset_hours == 8


def test_year_first_stamps_with_slashes():
    # detik/CNN Indonesia "publishdate" meta: "2024/11/28 10:15:12", no offset
    stamp = parse_iso("2024/11/28 10:15:12")
    assert (stamp.day, stamp.hour, stamp.second, stamp.offset_hours) == (date(2024, 11, 28), 10, 12, None)
    assert parse_iso("2024/11-28 10:15") is None  # mixed separators are not a date


def test_printed_zone_next_to_a_clock():
    assert printed_zone("Diperbarui 10.15 Wita oleh admin") == 8
    assert printed_zone("Kantor WIB lama") is None


def test_url_dates():
    assert parse_url("https://x.example/2024/11/29/slug/").day == date(2024, 11, 29)
    assert parse_url("https://x.example/read/2016/02/16/13010041/slug").day == date(2016, 2, 16)
    assert parse_url("https://x.example/berita/527615/slug") is None


def test_with_offset_and_utc():
    stamp = Stamp(date(2024, 12, 4), 0, 30).with_offset(8)
    assert stamp.utc_iso() == "2024-12-03T16:30:00Z"


def test_year_first_printed_dates():
    assert parse_printed("Dipublikasikan 2024-12-04 09:36 WITA").local_iso() == "2024-12-04T09:36:00+08:00"


def test_shifted_to_keeps_the_instant():
    utc = parse_iso("2016-02-15T23:10:56Z")
    local = utc.shifted_to(7)
    assert local.local_iso() == "2016-02-16T06:10:56+07:00"
    assert local.utc_iso() == utc.utc_iso()
