"""Typed results of the sleep diary (`sleepmin diary metrics --json`)."""

from __future__ import annotations

from pydantic import Field

from sleepmin.results.base import Result


class DiaryProblem(Result):
    field: str = Field(description="The column at fault (e.g. sol_min).")
    problem: str = Field(description="What is wrong with it, and what to write instead.")


class DiaryNight(Result):
    """One row of the diary: a night's metrics, or why it cannot be one."""

    line: int = Field(description="The row's line in the file (the header is line 1).")
    date: str = Field(description="The evening the night began, as written.")
    valid: bool = Field(description="Whether the night could be read and is possible.")
    errors: list[DiaryProblem] = Field(description="Why the night is not valid; empty if it is.")
    bed_time: str | None = Field(description="Into bed: local date and time with its offset.")
    try_time: str | None = Field(description="Started trying to sleep (local, with offset).")
    final_wake: str | None = Field(description="Final awakening (local, with offset).")
    out_of_bed: str | None = Field(description="Out of bed for the day (local, with offset).")
    tib_min: float | None = Field(description="Time in bed, minutes: out of bed − into bed.")
    tst_min: float | None = Field(
        description="Total sleep time, minutes: final wake − tried to sleep − SOL − WASO."
    )
    sol_min: float | None = Field(description="Sleep-onset latency, minutes, as entered.")
    waso_min: float | None = Field(
        description="Wake after sleep onset, minutes, as entered (excludes the final awakening)."
    )
    awakenings: int | None = Field(description="Awakenings, not counting the final one.")
    se_pct: float | None = Field(description="Sleep efficiency, %: 100 × TST / TIB.")
    terminal_wake_min: float | None = Field(
        description="Minutes in bed after the final awakening: out of bed − final wake."
    )
    twt_min: float | None = Field(description="Total wake time, minutes: SOL + WASO + terminal.")
    quality: int | None = Field(description="Sleep quality, 1 (very poor) to 5 (very good).")
    naps_min: float | None = Field(description="Minutes of naps or dozes, when given.")
    caffeine: int | None = Field(description="Caffeinated drinks, when given.")
    alcohol: int | None = Field(description="Alcoholic drinks, when given.")
    notes: str = Field(description="Comments, as written.")
    medication: str = Field(
        description="Medication and supplements taken for the night (name, dose, time), as written."
    )
    clock_notes: list[str] = Field(
        description="Clock changes met on the night (a time that did not exist or happened twice)."
    )


class DiaryStats(Result):
    """One metric over the valid nights."""

    tib_min: float | None = Field(description="Time in bed, minutes.")
    tst_min: float | None = Field(description="Total sleep time, minutes.")
    sol_min: float | None = Field(description="Sleep-onset latency, minutes.")
    waso_min: float | None = Field(description="Wake after sleep onset, minutes.")
    awakenings: float | None = Field(description="Awakenings a night.")
    se_pct: float | None = Field(description="Sleep efficiency, %.")
    terminal_wake_min: float | None = Field(description="Terminal wake, minutes.")
    quality: float | None = Field(description="Sleep quality, 1-5 (nights that rated it).")


class DiaryWeek(Result):
    """One week of valid nights (weeks start on Monday)."""

    week_of: str = Field(description="The Monday the week starts on (ISO date).")
    nights: int = Field(description="Valid nights in the week.")
    se_pct: float = Field(description="Mean sleep efficiency, %.")
    tst_min: float = Field(description="Mean total sleep time, minutes.")
    sol_min: float = Field(description="Mean sleep-onset latency, minutes.")
    waso_min: float = Field(description="Mean wake after sleep onset, minutes.")


class DiarySummary(Result):
    nights: int = Field(description="Rows read (every row, valid or not).")
    valid_nights: int = Field(description="Nights with metrics.")
    time_zone: str = Field(description="The IANA time zone the clock times were read in.")
    first_night: str | None = Field(description="The earliest valid night (ISO date).")
    last_night: str | None = Field(description="The latest valid night (ISO date).")
    mean: DiaryStats = Field(description="Means over the valid nights; null without any.")
    sd: DiaryStats = Field(
        description="Standard deviations (n − 1) over the valid nights; null with fewer than 2."
    )
    nights_sol_over_30: int = Field(description="Valid nights with SOL over 30 minutes.")
    nights_waso_over_30: int = Field(description="Valid nights with WASO over 30 minutes.")
    nights_se_under_85: int = Field(description="Valid nights with sleep efficiency under 85%.")
    enough_nights: bool = Field(
        description="At least 7 valid nights: fewer are too few for a stable average."
    )
    weeks: list[DiaryWeek] = Field(description="Weekly means of the valid nights, oldest first.")
    note: str = Field(description="What the numbers can and cannot say.")


class DiaryMetrics(Result):
    """`sleepmin diary metrics --json`: every row of the diary, and a summary."""

    nights: list[DiaryNight] = Field(description="Every row, in file order.")
    summary: DiarySummary = Field(description="The valid nights summarised.")


class DiaryImported(Result):
    """A diary CSV kept for a person: nights new and replaced, and the rows not kept."""

    added: int = Field(description="Nights kept that were new.")
    replaced: int = Field(description="Nights that replaced the same evening kept before.")
    refused: list[DiaryNight] = Field(description="Rows not kept, each with its errors.")


class ComparedSide(Result):
    nights: int = Field(description="Valid nights on this side.")
    first_night: str | None = Field(description="The earliest of them (ISO date).")
    last_night: str | None = Field(description="The latest of them (ISO date).")
    mean: float | None = Field(description="The metric's mean over them.")
    correlation: float | None = Field(
        description="Night-to-night (lag-1) correlation used, corrected, in [0, 0.9]."
    )


class DiaryComparison(Result):
    """`sleepmin diary compare --json`: a metric before and after a date, with its uncertainty."""

    metric: str = Field(description="The metric compared (e.g. se_pct).")
    change_date: str = Field(description="The first night of 'after' (ISO date).")
    before: ComparedSide = Field(description="Nights before the date.")
    after: ComparedSide = Field(description="Nights from the date on.")
    enough_nights: bool = Field(
        description="Whether each side has the minimum nights; if not, no estimate is given."
    )
    minimum_nights: int = Field(description="The nights needed on each side.")
    difference: float | None = Field(description="After − before, in the metric's unit.")
    ci95_low: float | None = Field(description="95 % interval of the difference, low end.")
    ci95_high: float | None = Field(description="95 % interval of the difference, high end.")
    hedges_g: float | None = Field(description="Effect size: the difference in pooled SDs.")
    method: str = Field(description="How the interval was made.")
    caveats: list[str] = Field(description="What the comparison cannot tell, in plain words.")


class IntakeCorrelation(Result):
    lag_days: int = Field(description="0: the day the night began; 1: the day before.")
    pairs: int = Field(description="Nights with both a logged day and the metric.")
    spearman: float | None = Field(
        description="Spearman's rank correlation of intake and the metric; null under 7 pairs "
        "or when either does not vary."
    )


class IntakeDay(Result):
    date: str = Field(description="The day (and the evening its night began), ISO date.")
    intake_mg: dict[str, float] = Field(description="Each mineral from food and supplements, mg.")
    metric: float | None = Field(description="The night's metric, when the night is kept.")


class DiaryIntake(Result):
    """`sleepmin diary intake --json`: daily intake beside a sleep metric, and their lagged
    correlation, as exploration."""

    metric: str = Field(description="The sleep metric (e.g. se_pct).")
    days: list[IntakeDay] = Field(description="Each logged day, oldest first.")
    correlations: dict[str, list[IntakeCorrelation]] = Field(
        description="Per mineral, the correlation at each lag."
    )
    paired_nights: int = Field(
        description="The most nights paired with a logged day, over minerals and lags."
    )
    any_correlation: bool = Field(
        description="Whether any correlation could be estimated (enough paired nights)."
    )
    note: str = Field(description="What such correlations can and cannot say.")
