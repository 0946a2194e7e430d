"""The NHANES population summary and evidence, on the CDC's real files: the survey read and
weighted as PROVENANCE.md checks it, usual intakes narrower than one day's, percentile lookups
right at the edges, a build that gives the same bytes twice, and careless input refused."""

from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sleepmin.errors import InvalidInput, MalformedRelease, PopulationDamaged
from sleepmin.intake.targets import Diet, Profile, Sex
from sleepmin.nutrients import Mineral
from sleepmin.population import survey
from sleepmin.population.evidence import build_evidence
from sleepmin.population.nhanes import Respondents, read_folder
from sleepmin.population.summary import AGE_GROUPS, PERCENTILES, build, group_for, place
from sleepmin.population.usual import boxcox, usual_intakes
from sleepmin.usecases.population import (
    build_population,
    load_population,
    mineral_evidence,
    population_block,
    population_for,
    population_status,
)

pytestmark = pytest.mark.slow
DEMO_SHA256 = "c0b46e0345ea19404928656277c8b0d10b0cca348a9b2fe4fc3c67e8b7ee73ec"  # PROVENANCE


@pytest.fixture(scope="module")
def people(shared_nhanes: Path) -> Respondents:
    return read_folder(shared_nhanes)


@pytest.fixture(scope="module")
def summary(people: Respondents) -> dict[str, Any]:
    return build(people)


@pytest.fixture(scope="module")
def evidence(people: Respondents) -> dict[str, Any]:
    return build_evidence(people)


def test_the_files_are_read_as_the_cdc_wrote_them(people: Respondents) -> None:
    assert len(people) == 9254 and people.inputs["DEMO_J.XPT"] == DEMO_SHA256
    # pyreadstat reads exact zeros (pandas' reader gives 5.4e-79): "never sleepy" is 0
    sleepy = people["SLQ120"][np.isfinite(people["SLQ120"])]
    assert (sleepy == 0).sum() > 500 and not ((sleepy > 0) & (sleepy < 1e-10)).any()
    codes = people["SLQ050"]
    assert [int((codes == c).sum()) for c in (1, 2, 9)] == [1621, 4535, 5]  # PROVENANCE.md
    assert int((people["DR1DRSTZ"] == 1).sum()) == 7484


def test_the_survey_checks_match_provenance(evidence: dict[str, Any]) -> None:
    checks = evidence["checks"]
    trouble = checks["trouble_sleeping_share_adults"]
    assert trouble["value"] == pytest.approx(0.302, abs=0.001) and trouble["people"] == 5564
    assert trouble["se"] == pytest.approx(0.013, abs=0.001)
    for group, mean, people in (("all", 305.6, 4742), ("men", 342.5, 2307), ("women", 271.4, 2435)):
        found = checks[f"magnesium_day1_mean_mg_{group}"]
        assert found["value"] == pytest.approx(mean, abs=0.05) and found["people"] == people


def test_the_evidence_is_design_based_and_adjusted(evidence: dict[str, Any]) -> None:
    magnesium = evidence["minerals"]["magnesium"]
    assert magnesium["cuts_mg"] == pytest.approx([203, 280, 379], abs=1)  # PROVENANCE.md
    trouble = magnesium["outcomes"]["trouble_sleeping"]
    assert trouble["df"] == 15  # 30 PSUs less 15 strata
    shares = [q["share"] for q in trouble["quartiles"]]
    assert shares == pytest.approx([0.336, 0.311, 0.269, 0.305], abs=0.01)  # crude, PROVENANCE
    q1, *rest = trouble["quartiles"]
    assert q1["odds_ratio"] == 1 and q1["odds_ratio_ci"] is None
    for quartile in rest:
        low, high = quartile["odds_ratio_ci"]
        assert low < quartile["odds_ratio"] < high and low > 0.2 and high < 5
    assert "not a cause" in evidence["words"] and "54 odds ratios" in evidence["words"]
    assert 0 <= trouble["p_trend"] <= 1
    assert {p["doi"] for p in evidence["published"]} >= {"10.1111/jsr.12084"}


def test_usual_intakes_are_narrower_than_one_day(people: Respondents) -> None:
    """Day-to-day variation taken out: the usual-intake spread is narrower than day 1's, the
    middle about the same."""
    chosen = (
        (people["RIAGENDR"] == 2)
        & (people["RIDAGEYR"] >= 51)
        & (people["RIDAGEYR"] < 71)
        & (people["DR1DRSTZ"] == 1)
        & (people["DR2DRSTZ"] == 1)
        & (people["RIDEXPRG"] != 1)
    )
    day1, day2, w = people["DR1TMAGN"][chosen], people["DR2TMAGN"][chosen], people["WTDR2D"][chosen]
    fit = usual_intakes(day1, day2, w)
    assert 0 < fit.shrink < 1 and fit.within_variance > 0 and fit.between_variance > 0

    def spread(values: np.ndarray) -> float:
        return survey.quantile(values, w, 0.9) - survey.quantile(values, w, 0.1)

    assert spread(fit.intakes) < 0.85 * spread(day1)
    median_day1 = survey.quantile(day1, w, 0.5)
    assert abs(survey.quantile(fit.intakes, w, 0.5) - median_day1) < 0.1 * median_day1


def test_every_group_has_ordered_percentiles_and_a_sound_share(summary: dict[str, Any]) -> None:
    keys = {g["group"] for g in summary["groups"]}
    assert len(keys) == 16 and "female 51-70 y" in keys
    (pregnant,) = summary["not_built"]  # 44 women with two recalls: too few, and said
    assert pregnant["group"] == "pregnant" and "at least 50" in pregnant["reason"]
    for group in summary["groups"]:
        for name, mineral in group["minerals"].items():
            cuts = mineral["percentiles_mg"]
            assert len(cuts) == 99 and cuts == sorted(cuts) and cuts[0] >= 0, (group, name)
            share = mineral["share_below_ear"]
            if name == "potassium":
                assert share is None and mineral["ear_mg"] is None  # an AI, no EAR
            else:
                assert 0 <= share <= 1
    women = next(g for g in summary["groups"] if g["group"] == "female 51-70 y")
    magnesium = women["minerals"]["magnesium"]
    assert magnesium["ear_mg"] == 265  # the EAR of women 51-70
    # the EAR cut-point: the share is where the EAR falls among the percentiles
    below = sum(c < 265 for c in magnesium["percentiles_mg"])
    assert abs(100 * magnesium["share_below_ear"] - below) <= 1.5


def test_a_percentile_is_read_right_at_the_edges(summary: dict[str, Any]) -> None:
    key, mineral = "male 31-50 y", Mineral.ZINC
    group = next(g for g in summary["groups"] if g["group"] == key)
    cuts = group["minerals"]["zinc"]["percentiles_mg"]
    below = place(summary, key, mineral, cuts[0] * 0.5)
    above = place(summary, key, mineral, cuts[-1] * 2)
    assert below is not None and below.below_first and below.percentile == 0.5
    assert above is not None and above.above_last and above.percentile == 99.5
    for rank in (1, 25, 50, 99):
        at = place(summary, key, mineral, cuts[rank - 1])
        assert at is not None and abs(at.percentile - rank) <= 1, rank
    assert place(summary, "pregnant", mineral, 10.0) is None  # not built
    assert place(summary, key, mineral, math.nan) is None


def test_flat_stretches_and_monotone_lookups() -> None:
    cuts = [float(v) for v in [*range(1, 50), *([50.0] * 10), *range(60, 100)]]
    fake = {"groups": [{"group": "g", "minerals": {"iron": {"percentiles_mg": cuts}}}]}
    middle = place(fake, "g", Mineral.IRON, 50.0)
    assert middle is not None and middle.percentile == pytest.approx(54.5)  # mid of 50..59

    @settings(max_examples=200, deadline=None)
    @given(st.floats(0, 120), st.floats(0, 120))
    def monotone(a: float, b: float) -> None:
        low, high = sorted((a, b))
        first, second = place(fake, "g", Mineral.IRON, low), place(fake, "g", Mineral.IRON, high)
        assert first is not None and second is not None
        assert first.percentile <= second.percentile

    monotone()


def test_the_build_is_deterministic_and_written_whole(tmp_path: Path, shared_nhanes: Path) -> None:
    first = build_population(tmp_path / "a", source=shared_nhanes)
    build_population(tmp_path / "b", source=shared_nhanes)
    written = [(tmp_path / d / "population.json").read_bytes() for d in ("a", "b")]
    assert written[0] == written[1]
    assert first.inputs["DEMO_J.XPT"] == DEMO_SHA256 and len(first.groups) == 16
    loaded = load_population(tmp_path / "a")
    assert loaded is not None and loaded["evidence"]["minerals"]["iron"]["cuts_mg"]
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["population.json"]  # no temp files


def test_the_csv_copies_read_as_the_xpt(tmp_path: Path, shared_nhanes: Path) -> None:
    """The SLQ file as CSV (written here from the XPT's own rows, with a byte-order mark as a
    spreadsheet saves it) gives the same columns."""
    import pyreadstat

    raw, _ = pyreadstat.read_xport(str(shared_nhanes / "SLQ_J.XPT"), output_format="dict")
    folder = tmp_path / "nhanes"
    shutil.copytree(shared_nhanes, folder)
    (folder / "SLQ_J.XPT").unlink()
    columns = ("SEQN", "SLQ050", "SLD012", "SLQ120")
    rows = [",".join(columns)]
    for values in zip(*(raw[c] for c in columns), strict=True):
        rows.append(",".join("" if v is None or math.isnan(v) else str(float(v)) for v in values))
    (folder / "SLQ_J.csv").write_text("\ufeff" + "\n".join(rows) + "\n", "utf-8")
    from_xpt, from_csv = read_folder(shared_nhanes), read_folder(folder)
    for column in columns[1:]:
        assert np.array_equal(from_xpt[column], from_csv[column], equal_nan=True), column


def test_careless_sources_are_refused_with_the_fix(tmp_path: Path, shared_nhanes: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist; give the folder"):
        read_folder(tmp_path / "nowhere")
    folder = tmp_path / "partial"
    folder.mkdir()
    shutil.copy(shared_nhanes / "DEMO_J.XPT", folder)
    with pytest.raises(MalformedRelease, match=r"DR1TOT_J\.XPT: is missing; put the CDC"):
        read_folder(folder)
    for name in ("DR1TOT_J.csv", "DR2TOT_J.csv", "SLQ_J.XPT"):
        shutil.copy(shared_nhanes / name, folder)
    (folder / "DR2TOT_J.csv").write_text("SEQN,DR2DRSTZ\n93703,1\n")
    with pytest.raises(MalformedRelease, match="lacks the column"):
        read_folder(folder)
    text = (shared_nhanes / "DR2TOT_J.csv").read_text().splitlines()
    fields = text[3].split(",")
    fields[3] = "oops"  # DR2DRSTZ
    text[3] = ",".join(fields)
    (folder / "DR2TOT_J.csv").write_text("\n".join(text) + "\n")
    with pytest.raises(MalformedRelease, match="line 4, column DR2DRSTZ: holds 'oops'"):
        read_folder(folder)
    (folder / "DEMO_J.XPT").write_bytes(b"not a transport file")
    with pytest.raises(MalformedRelease, match="not a readable SAS transport file"):
        read_folder(folder)


def test_the_population_block_for_a_person(summary: dict[str, Any]) -> None:
    profile = Profile(55, Sex.FEMALE)
    assert group_for(profile) == "female 51-70 y"
    women = next(g for g in summary["groups"] if g["group"] == "female 51-70 y")
    median = women["minerals"]["magnesium"]["median_mg"]
    block = population_block(summary, profile, {Mineral.MAGNESIUM: median, Mineral.IRON: None})
    assert block["available"] and block["people"] == women["people"]
    magnesium = block["minerals"]["magnesium"]
    assert magnesium["percentile"] == pytest.approx(50, abs=1.5)
    assert magnesium["words"].startswith("About 5") and "NHANES 2017-2018" in magnesium["words"]
    assert block["minerals"]["iron"]["percentile"] is None
    assert any("not their usual intake" in c for c in block["caveats"])
    assert any("812 people" in c and "margin of error" in c for c in block["caveats"])
    one_day = population_block(
        summary, Profile(55, Sex.FEMALE, diet=Diet.VEGAN), {}, counted_days=1
    )
    said = " ".join(one_day["caveats"])
    assert "From 1 logged day(s)" in said and "1.8 times as much iron" in said
    missing = population_block(None, profile, {})
    assert not missing["available"] and "build-population" in missing["reason"]
    baby = population_block(summary, Profile(0.5, Sex.MALE), {})
    assert not baby["available"] and "from age 1" in baby["reason"]
    pregnant = population_block(summary, Profile(30, Sex.FEMALE, pregnant=True), {})
    assert not pregnant["available"] and "at least 50" in pregnant["reason"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0.1, 5000), min_size=50, max_size=120),
    st.floats(0.2, 5.0),
    st.integers(0, 2**32 - 1),
)
def test_usual_intakes_keep_order_and_stay_finite(
    day1: list[float], spread: float, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    first = np.array(day1)
    second = np.maximum(first * rng.lognormal(0, 0.3 * spread, len(first)), 0)
    weights = rng.uniform(100, 10_000, len(first))
    fit = usual_intakes(first, second, weights)
    assert np.isfinite(fit.intakes).all() and (fit.intakes >= 0).all()
    assert 0 <= fit.shrink <= 1 and 0 <= fit.boxcox_lambda <= 1
    # a higher two-day mean on the Box-Cox scale never gets a lower usual intake
    floor = min(v for v in (*first, *second) if v > 0) / 2
    lam = fit.boxcox_lambda
    scaled = (
        boxcox(np.maximum(first, floor), lam)
        + boxcox(np.maximum(second, floor), lam)
        + fit.day2_shift
    ) / 2
    order = np.argsort(scaled, kind="stable")
    assert (np.diff(fit.intakes[order]) >= -1e-9 * max(fit.intakes.max(), 1.0)).all()


def test_usual_intakes_refuse_what_cannot_be_estimated() -> None:
    ones = np.ones(60)
    with pytest.raises(ValueError, match="at least 50"):
        usual_intakes(ones[:10], ones[:10], ones[:10])
    with pytest.raises(ValueError, match="finite"):
        usual_intakes(-ones, ones, ones)
    with pytest.raises(ValueError, match="every intake is zero"):
        usual_intakes(0 * ones, 0 * ones, ones)


def test_the_summary_is_small_and_holds_no_respondent(tmp_path: Path, shared_nhanes: Path) -> None:
    """Only percentiles and shares are kept: no SEQN, no row of the CDC files."""
    build_population(tmp_path, source=shared_nhanes)
    text = (tmp_path / "population.json").read_text()
    assert len(text) < 400_000
    data = json.loads(text)
    assert "93703" not in text and set(data) >= {"groups", "evidence", "inputs", "method"}
    assert hashlib.sha256(text.encode()).hexdigest()  # a stable text, as the build test shows
    assert all(len(g["minerals"]) == 6 for g in data["groups"])
    assert PERCENTILES[0] == 1 and PERCENTILES[-1] == 99


def test_the_files_are_downloaded_from_a_mirror_and_kept(
    tmp_path: Path, shared_nhanes: Path
) -> None:
    """A real HTTP server on loopback stands in for the CDC: the XPTs arrive byte for byte,
    are kept for the next build, and a file the server lacks is a clear error with no
    half-written file left."""
    import functools
    import http.server
    import threading

    from sleepmin.errors import DownloadFailed
    from sleepmin.population.nhanes import download

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(shared_nhanes))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/{{name}}.XPT"
        folder = tmp_path / "downloads"
        fetched = download(folder, ["DEMO_J", "SLQ_J"], url=url)
        for path in fetched:
            assert path.read_bytes() == (shared_nhanes / path.name).read_bytes()
        server.shutdown()  # kept: a second call needs no server
        assert download(folder, ["DEMO_J", "SLQ_J"], url=url) == fetched
    finally:
        server.server_close()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/{{name}}.XPT"
        with pytest.raises(DownloadFailed, match=r"DR1TOT_J\.XPT"):  # only a CSV copy there
            download(folder, ["DR1TOT_J"], url=url)
        assert sorted(p.name for p in folder.iterdir()) == ["DEMO_J.XPT", "SLQ_J.XPT"]
        with pytest.raises(DownloadFailed, match="must be http"):
            download(folder, ["DEMO_J"], url="file:///etc/{name}")
    finally:
        server.shutdown()
        server.server_close()


def test_the_share_below_the_magnesium_ear_is_the_published_one(summary: dict[str, Any]) -> None:
    """About 60 % of US adults are below the magnesium EAR from food (NHANES 2009-10, in
    shared/reference/notes.md); the adult groups here, weighted by the people they stand for."""
    adults = [g for g in summary["groups"] if g["age_min"] >= 19]
    people = sum(g["population"] for g in adults)
    below = sum(g["population"] * g["minerals"]["magnesium"]["share_below_ear"] for g in adults)
    assert 0.5 < below / people < 0.65


def test_a_lower_bound_intake_is_said_as_one(summary: dict[str, Any]) -> None:
    """When some foods of the log have no value for a mineral, the intake is a lower bound, and
    so is its rank: "at least", never "about"."""
    profile = Profile(55, Sex.FEMALE)
    women = next(g for g in summary["groups"] if g["group"] == "female 51-70 y")
    median = women["minerals"]["copper"]["median_mg"]
    block = population_block(
        summary, profile, {Mineral.COPPER: median, Mineral.ZINC: 0.01}, frozenset(Mineral)
    )
    copper, zinc = block["minerals"]["copper"], block["minerals"]["zinc"]
    assert copper["lower_bound"] and copper["words"].startswith("At least 5")
    assert "lower bound" in copper["words"]
    assert zinc["lower_bound"] and "cannot be placed" in zinc["words"]
    exact = population_block(summary, profile, {Mineral.COPPER: median})
    assert not exact["minerals"]["copper"]["lower_bound"]
    assert exact["minerals"]["copper"]["words"].startswith("About 5")


def _set_field(lines: list[str], column: str, value: str) -> list[str]:
    """The file's lines with ``column`` of its first data row set to ``value``."""
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index(column)] = value
    return [lines[0], ",".join(row), *lines[2:]]


@pytest.mark.parametrize(
    ("file", "damage", "said"),
    [
        (
            "DR2TOT_J.csv",
            lambda lines: lines[:-100],
            "has 8,604 rows; the CDC's DR2TOT_J has 8,704",
        ),
        ("DR2TOT_J.csv", lambda lines: [*lines[:-1], lines[1]], "repeats a SEQN"),
        ("DR1TOT_J.csv", lambda lines: _set_field(lines, "WTDRD1", "-5"), "negative weight"),
        ("DR2TOT_J.csv", lambda lines: _set_field(lines, "DR2TMAGN", "1e400"), "infinite"),
        (
            "DR2TOT_J.csv",
            lambda lines: _set_field(lines, "DR2TMAGN", "9" * 200_000),
            "not a readable CSV",
        ),
    ],
)
def test_a_damaged_recall_file_is_named(
    tmp_path: Path, shared_nhanes: Path, file: str, damage: Any, said: str
) -> None:
    folder = tmp_path / "nhanes"
    shutil.copytree(shared_nhanes, folder)
    lines = (shared_nhanes / file).read_text().splitlines()
    (folder / file).write_text("\n".join(damage(lines)) + "\n")
    with pytest.raises(MalformedRelease, match=re.escape(said)) as raised:
        read_folder(folder)
    assert file in str(raised.value)


def test_a_non_utf8_file_is_named(tmp_path: Path, shared_nhanes: Path) -> None:
    folder = tmp_path / "nhanes"
    shutil.copytree(shared_nhanes, folder)
    data = (shared_nhanes / "DR1TOT_J.csv").read_bytes()
    (folder / "DR1TOT_J.csv").write_bytes(data[:5000] + b"\xff\xfe" + data[5000:])
    with pytest.raises(MalformedRelease, match=r"DR1TOT_J\.csv: is not a readable CSV"):
        read_folder(folder)


def test_a_damaged_summary_is_said_not_a_crash(tmp_path: Path, shared_nhanes: Path) -> None:
    build_population(tmp_path, source=shared_nhanes)
    path = tmp_path / "population.json"
    good = json.loads(path.read_text())
    profile = Profile(40, Sex.MALE)
    damages = {
        "cut short": path.read_text()[:5000],
        "a mineral gone": json.dumps(
            {
                **good,
                "groups": [
                    {**g, "minerals": {k: v for k, v in g["minerals"].items() if k != "zinc"}}
                    for g in good["groups"]
                ],
            }
        ),
        "percentiles as text": json.dumps(
            {
                **good,
                "groups": [
                    {
                        **g,
                        "minerals": {
                            **g["minerals"],
                            "iron": {**g["minerals"]["iron"], "percentiles_mg": ["1"] * 99},
                        },
                    }
                    for g in good["groups"]
                ],
            }
        ),
        "percentiles reversed": json.dumps(
            {
                **good,
                "groups": [
                    {
                        **g,
                        "minerals": {
                            **g["minerals"],
                            "iron": {
                                **g["minerals"]["iron"],
                                "percentiles_mg": g["minerals"]["iron"]["percentiles_mg"][::-1],
                            },
                        },
                    }
                    for g in good["groups"]
                ],
            }
        ),
        "groups as a table": json.dumps({**good, "groups": {"a": 1}}),
    }
    for name, text in damages.items():
        path.write_text(text)
        with pytest.raises(PopulationDamaged, match="build it again"):
            load_population(tmp_path)
        block = population_for(_Beside(tmp_path), profile, {Mineral.IRON: 10.0})
        assert not block["available"] and "damaged" in block["reason"], name
        assert "damaged" in population_status(tmp_path), name
        with pytest.raises(PopulationDamaged):
            mineral_evidence("iron", _Beside(tmp_path))


class _Beside:
    """Stands where a food database would: the summary is looked for beside ``path``."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "foods.sqlite"


def test_usual_intakes_keep_the_mean_of_the_days(people: Respondents) -> None:
    """A usual intake is the mean of a person's days, not their median day: over each group,
    the weighted mean of usual intakes stays with the weighted mean of day 1 (the day the
    method anchors to)."""
    both = (people["DR1DRSTZ"] == 1) & (people["DR2DRSTZ"] == 1) & (people["RIDEXPRG"] != 1)
    gaps = []
    for sex in (1, 2):
        for low, high, _ in AGE_GROUPS:
            chosen = both & (people["RIAGENDR"] == sex)
            chosen &= (people["RIDAGEYR"] >= low) & (people["RIDAGEYR"] < high)
            w = people["WTDR2D"][chosen]
            for code in ("MAGN", "IRON", "ZINC", "CALC", "POTA", "COPP"):
                day1 = people[f"DR1T{code}"][chosen]
                fit = usual_intakes(day1, people[f"DR2T{code}"][chosen], w)
                gaps.append(abs((w @ fit.intakes) / (w @ day1) - 1))
    assert np.median(gaps) < 0.01 and np.quantile(gaps, 0.9) < 0.03
