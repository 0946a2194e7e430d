"""Benchmark the Apple Health import: records per second and peak memory of sleepmin's streamed
reader against a naive `xml.etree.ElementTree.parse` of the whole file, in the same run.

Run from the repository root:

    .venv/bin/python bench/bench_diary.py [--nights 365] [--noise 800]

A synthetic export is generated (tests/diary/test_apple.py's generator: each night an "in bed"
record, a watch's stages, a phone's whole-night "asleep", and ``--noise`` heart-rate records);
each reader runs in a fresh process, so its peak resident memory (VmHWM) is its own.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

READERS = {
    "sleepmin (streamed, defusedxml)": (
        "from pathlib import Path; from zoneinfo import ZoneInfo;"
        "from sleepmin.diary.apple import read_apple_health;"
        "r = read_apple_health(Path({path!r}), ZoneInfo('Europe/Berlin'));"
        "print(r.records, len(r.nights))"
    ),
    "ElementTree.parse (whole file)": (
        "import xml.etree.ElementTree as ET;"
        "root = ET.parse({path!r}).getroot();"
        "sleep = [r for r in root.iter('Record') "
        "if r.get('type') == 'HKCategoryTypeIdentifierSleepAnalysis'];"
        "print(sum(1 for _ in root.iter('Record')), len(sleep))"
    ),
}


def _run(code: str) -> tuple[float, float, str]:
    # VmHWM, the process's own high-water mark (ru_maxrss would carry the parent's over exec)
    script = (
        "import sys, time\n"
        "t = time.perf_counter()\n"
        f"{code}\n"
        "print(time.perf_counter() - t)\n"
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    return float(out[1]), float(out[2]) / 1024, out[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nights", type=int, default=365)
    parser.add_argument("--noise", type=int, default=800)
    args = parser.parse_args()
    from tests.diary.test_apple import export_xml  # noqa: PLC0415 - after sys.path is set

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.xml"
        path.write_text(export_xml(args.nights, args.noise), "utf-8")
        size = path.stat().st_size
        records = args.nights * (args.noise + 6)
        print(f"date     {datetime.datetime.now(datetime.UTC).isoformat(timespec='seconds')}")
        machine = f"{platform.machine()}, {os.cpu_count()} CPUs"
        print(f"machine  {machine}, Python {platform.python_version()}")
        print(f"export   {records:,} records, {size / 1e6:.1f} MB, {args.nights} nights\n")
        print(f"{'reader':<34} {'seconds':>8} {'records/s':>11} {'peak MB':>8}  result")
        for name, code in READERS.items():
            seconds, peak, result = _run(code.format(path=str(path)))
            print(f"{name:<34} {seconds:>8.2f} {records / seconds:>11,.0f} {peak:>8.0f}  {result}")


if __name__ == "__main__":
    main()
