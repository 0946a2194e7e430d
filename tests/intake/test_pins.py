"""Pins files: the saved pins.json and a --pins file; damage is refused, clearly (issue 10)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sleepmin.errors import InvalidInput, InvalidPinsFile, OutputError
from sleepmin.intake.pins import load_pins, read_pins_file, save_pins


def test_no_saved_pins_yet(tmp_path: Path) -> None:
    assert load_pins(tmp_path / "pins.json") == {}


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"rice": "20045"', "it is not valid JSON: Expecting ',' delimiter, line 1"),
        ('{"rice": 9223372036854775808}', "it maps 'rice' to '9223372036854775808', which is not"),
        ('{"rice": true}', "it maps 'rice' to something that is not a food id"),
        ('{"rice": ["20045"]}', "it maps 'rice' to something that is not a food id"),
        ("[" * 100_000, "it is nested too deep to be a pins file"),
        ("{" + '"a":{' * 100_000 + "}" * 100_001, "it is nested too deep to be a pins file"),
        ('["rice", "20045"]', "it must map each phrase to a food id"),
        ("rice,20045,extra\n", "it has 3 fields on line 1, not two (phrase,id)"),
        ("\x00\x01", "it holds binary data"),
    ],
)
def test_a_damaged_saved_pins_file_names_its_path_and_the_fix(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "pins.json"
    path.write_text(content)
    with pytest.raises(InvalidInput) as caught:
        load_pins(path)
    message = str(caught.value)
    assert message.startswith(f"the saved pins file {path} is damaged ({problem}")
    assert message.endswith(
        "; rename or delete it — sleepmin then starts a new one from the '@ ID' pins in your "
        'logs — or repair it: a JSON object of "phrase": "food id" pairs'
    )
    assert "\n" not in message and "CSV" not in message


def test_a_saved_pins_file_that_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "pins.json").mkdir()
    with pytest.raises(InvalidInput, match="is damaged \\(it is a folder, not a file\\)"):
        load_pins(tmp_path / "pins.json")


def test_a_given_pins_file_keeps_the_phrase_id_advice(tmp_path: Path) -> None:
    path = tmp_path / "pins.csv"
    path.write_text("rice,abc\n")
    with pytest.raises(InvalidPinsFile) as caught:
        read_pins_file(path)
    assert str(caught.value) == (
        f"pins file {path} has 'abc' on line 1, which is not a food id; "
        "write one 'phrase,id' per line"
    )
    with pytest.raises(InvalidInput, match="does not exist; check the path of the pins file"):
        read_pins_file(tmp_path / "nope.csv")


def test_ids_are_checked_in_both_formats(tmp_path: Path) -> None:
    path = tmp_path / "pins.csv"
    path.write_text("phrase,id\nrice,20045\nspinach,ndb:11457\nkale,fdc:323505\n")
    assert read_pins_file(path) == {"rice": "20045", "spinach": "ndb:11457", "kale": "fdc:323505"}
    path.write_text('{"Rice ": 20045}')
    assert read_pins_file(path) == {"rice": "20045"}


def test_pins_are_saved_atomically_and_sorted(tmp_path: Path) -> None:
    path = tmp_path / "data" / "pins.json"
    save_pins(path, {"spinach": "11457", "rice": "20045"})
    assert json.loads(path.read_text()) == {"rice": "20045", "spinach": "11457"}
    assert list(path.read_text().splitlines())[1].strip() == '"rice": "20045",'
    assert sorted(p.name for p in path.parent.iterdir()) == ["pins.json"]  # no temporary left


def test_saving_into_a_read_only_folder_is_an_output_error(tmp_path: Path) -> None:
    """Run in a process that file permissions apply to (as root: without the capabilities
    that override them)."""
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions cannot be tested")
        prefix = (setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    code = (
        "import sys; from pathlib import Path; from sleepmin.intake.pins import save_pins\n"
        "folder = Path(sys.argv[1])\n"
        "for target in (folder / 'pins.json', folder / 'sub' / 'pins.json'):\n"
        "    try:\n"
        "        save_pins(target, {'rice': '20045'})\n"
        "        print('saved')\n"
        "    except Exception as error:\n"
        "        print(type(error).__name__, error)\n"
    )
    try:
        result = subprocess.run(
            [*prefix, sys.executable, "-c", code, str(folder)],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        folder.chmod(0o700)
    first, second = result.stdout.splitlines()
    assert first.startswith("OutputError") and "permission denied" in first
    assert second.startswith("OutputError") and "its folder cannot be created" in second
    assert not list(folder.iterdir())


def test_saving_where_a_file_blocks_the_folder_is_an_output_error(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("")
    with pytest.raises(OutputError, match="its folder cannot be created"):
        save_pins(tmp_path / "blocker" / "pins.json", {"rice": "20045"})
