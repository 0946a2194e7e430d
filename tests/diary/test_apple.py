"""Nights from an Apple Health export: a generated export of tens of thousands of records (most
of them not sleep, two sources overlapping), read as a stream with memory flat, mapped to nights
by the documented rule, merged on re-import, and hostile XML refused."""

from __future__ import annotations

import datetime as dt
import io
import tracemalloc
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sleepmin.diary.apple import read_apple_health, read_apple_stream
from sleepmin.diary.metrics import NightMetrics, night_metrics
from sleepmin.errors import InvalidInput
from sleepmin.intake.targets import Profile, Sex
from sleepmin.store.db import Store
from sleepmin.usecases import accounts, diary_import_file, diary_show

BERLIN = ZoneInfo("Europe/Berlin")
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Workout)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record type CDATA #REQUIRED value CDATA #IMPLIED>
]>
<HealthData locale="en_DE">
 <ExportDate value="2026-02-01 08:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>
"""
SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"


def _record(
    kind: str, start: dt.datetime, end: dt.datetime, value: str = "", source: str = "Watch"
) -> str:
    fmt = "%Y-%m-%d %H:%M:%S +0100"
    return (
        f' <Record type="{kind}" sourceName="{source}" unit="count/min" '
        f'creationDate="{end.strftime(fmt)}" startDate="{start.strftime(fmt)}" '
        f'endDate="{end.strftime(fmt)}" value="{value}"/>\n'
    )


def export_xml(nights: int, noise_per_night: int = 800) -> str:
    """A month of nights: in bed 22:50-07:05 (phone), a watch's stages 23:10-02:00,
    02:20-04:00 and 04:00-06:40 with 'awake' between, a phone's whole-night 'asleep' over them,
    and heart-rate records all day (not sleep)."""
    parts = [HEAD]
    first = dt.datetime(2026, 1, 1, 22, 50)
    for n in range(nights):
        evening = first + dt.timedelta(days=n)
        t = evening.replace(hour=0, minute=0) + dt.timedelta(hours=12)
        for i in range(noise_per_night):
            at = t + dt.timedelta(seconds=i * 97)
            parts.append(_record("HKQuantityTypeIdentifierHeartRate", at, at, "61"))
        parts.append(
            _record(
                SLEEP,
                evening,
                evening + dt.timedelta(hours=8, minutes=15),
                "HKCategoryValueSleepAnalysisInBed",
                "iPhone",
            )
        )
        stages = [
            (dt.timedelta(minutes=20), dt.timedelta(hours=3, minutes=10), "AsleepCore"),
            (dt.timedelta(hours=3, minutes=10), dt.timedelta(hours=3, minutes=30), "Awake"),
            (dt.timedelta(hours=3, minutes=30), dt.timedelta(hours=5, minutes=10), "AsleepDeep"),
            (dt.timedelta(hours=5, minutes=10), dt.timedelta(hours=7, minutes=50), "AsleepREM"),
        ]
        for begin, end, value in stages:
            parts.append(
                _record(
                    SLEEP, evening + begin, evening + end, f"HKCategoryValueSleepAnalysis{value}"
                )
            )
        parts.append(
            _record(
                SLEEP,
                evening + dt.timedelta(minutes=22),
                evening + dt.timedelta(hours=7, minutes=48),
                "HKCategoryValueSleepAnalysisAsleepUnspecified",
                "iPhone",
            )
        )
    parts.append("</HealthData>\n")
    return "".join(parts)


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("apple") / "export.xml"
    path.write_text(export_xml(30), "utf-8")
    return path


def test_tens_of_thousands_of_records_become_the_nights_they_hold(export: Path) -> None:
    read = read_apple_health(export, BERLIN)
    assert read.records == 30 * (800 + 6) and read.records > 20_000
    assert read.sleep_records == 30 * 5  # 'awake' records are not used
    assert len(read.nights) == 30
    first = read.nights[0]
    assert first.date == dt.date(2026, 1, 1)
    # in bed 22:50; first sleep 23:10 (SOL 20); one 20-minute awakening 02:00-02:20;
    # final wake 06:40; out of bed 07:05
    assert (first.bed_time, first.final_wake, first.out_of_bed) == (
        dt.time(22, 50),
        dt.time(6, 40),
        dt.time(7, 5),
    )
    assert (first.sol_min, first.awakenings, first.waso_min) == (20, 1, 20)
    metrics = night_metrics(first, BERLIN)
    assert isinstance(metrics, NightMetrics)
    assert (metrics.tib_min, metrics.tst_min) == (495, 430)  # the phone's 'asleep' hides nothing


def test_the_zip_apple_makes_reads_the_same(export: Path, tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(export, "apple_health_export/export.xml")
    assert read_apple_health(archive, BERLIN).nights == read_apple_health(export, BERLIN).nights


def test_memory_stays_flat_as_the_export_grows() -> None:
    def peak(nights: int) -> int:
        data = export_xml(nights).encode()
        tracemalloc.start()
        read_apple_stream(io.BytesIO(data), BERLIN)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(5), peak(40)  # 8 times the records
    assert large < small * 2.5, (small, large)


@pytest.mark.parametrize(
    ("xml", "words"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><HealthData>&lol2;</HealthData>',
            "cannot be read",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            "<HealthData>&e;</HealthData>",
            "cannot be read",
        ),
        ("<notes><Record/></notes>", "not an Apple Health export"),
        ("", "cannot be read"),
        ("<HealthData><Record", "cannot be read"),
    ],
)
def test_hostile_or_broken_xml_is_refused(xml: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        read_apple_stream(io.BytesIO(xml.encode()), BERLIN)


def test_importing_again_merges_nights(store: Store, export: Path) -> None:
    accounts.sign_up(
        store, "ana@example.org", "correct horse battery", "person", now=dt.datetime.now(dt.UTC)
    )
    accounts.set_profile(
        store, accounts.session_for(store, "ana@example.org"), Profile(40, Sex.FEMALE)
    )
    first = diary_import_file(store, "ana@example.org", export, zone="Europe/Berlin")
    again = diary_import_file(store, "ana@example.org", export, zone="Europe/Berlin")
    assert (first.added, first.replaced, again.added, again.replaced) == (30, 0, 0, 30)
    shown = diary_show(store, "ana@example.org", weeks=520, today=dt.date(2026, 2, 2)).to_json()
    assert shown["summary"]["valid_nights"] == 30
    assert shown["summary"]["mean"]["tst_min"] == 430
