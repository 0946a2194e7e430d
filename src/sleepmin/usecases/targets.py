"""Use case: a person's mineral targets (DRIs for their life stage and diet). Apart from the
diet analysis, so `sleepmin targets` loads no food-log code."""

from __future__ import annotations

from sleepmin.intake.serialize import targets_json
from sleepmin.intake.targets import Profile, Targets, load_dri_table, personal_targets
from sleepmin.results.diet import TargetsResult


def targets_for(profile: Profile) -> Targets:
    """The person's DRI targets (RDA or AI, EAR, UL) for their life stage and diet."""
    return personal_targets(profile, load_dri_table())


def show_targets(profile: Profile) -> TargetsResult:
    """`sleepmin targets`: the person's targets as documented in docs/cli.md."""
    return TargetsResult.model_validate(targets_json(targets_for(profile)))
