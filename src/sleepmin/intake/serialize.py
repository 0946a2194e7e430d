"""Targets and analyses as JSON-ready dicts: the public shapes of `sleepmin targets --json` and
`sleepmin diet analyze --json` (docs/cli.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sleepmin.intake.targets import MineralTarget, Targets

if TYPE_CHECKING:  # types only: `sleepmin targets` never loads the food-log reader
    from sleepmin.foods.model import Food
    from sleepmin.intake.analysis import Analysis, DayResult, MineralResult
    from sleepmin.intake.matching import LogItem


def targets_json(targets: Targets) -> dict[str, Any]:
    return {
        "life_stage": targets.life_stage,
        "profile": {
            "age_years": targets.profile.age_years,
            "sex": targets.profile.sex.value,
            "pregnant": targets.profile.pregnant,
            "lactating": targets.profile.lactating,
            "diet": targets.profile.diet.value,
        },
        "minerals": {m.value: target_json(t) for m, t in targets.minerals.items()},
        "notes": list(targets.notes),
    }


def target_json(target: MineralTarget) -> dict[str, Any]:
    return {
        "target": {"type": target.target_type, "value_mg": target.target_mg},
        "ear_mg": target.ear_mg,
        "ul_mg": target.ul_mg,
        "ul_applies_to": target.ul_applies_to,
        "ul_status": target.ul_status,
        "source": target.source,
        "status": target.status,
        "adjustments": [
            {"factor": a.factor, "applies_to": a.applies_to, "reason": a.reason, "source": a.source}
            for a in target.adjustments
        ],
    }


def food_ref(food: Food) -> dict[str, Any]:
    return {"fdc_id": food.fdc_id, "ndb_number": food.ndb_number, "description": food.description}


def item_json(item: LogItem) -> dict[str, Any]:
    body: dict[str, Any] = {
        "line": item.line,
        "line_number": item.line_number,
        "day": item.day,
        "status": item.status,
        "fdc_id": item.food.fdc_id if item.food else None,
        "ndb_number": item.food.ndb_number if item.food else None,
        "description": item.food.description if item.food else None,
        "grams": item.grams,
        "basis": item.basis,
    }
    if item.status == "matched":
        body["confidence"] = item.confidence if item.confidence is not None else 1.0
        body["alternatives"] = [food_ref(c.food) for c in item.candidates]
    if item.pinned:
        body["pinned"] = True
    if item.status == "ambiguous":
        body["candidates"] = [{**food_ref(c.food), "score": c.score} for c in item.candidates]
    if item.comment:
        body["comment"] = item.comment
    if item.reason:
        body["reason"] = item.reason
    return body


def analysis_json(analysis: Analysis) -> dict[str, Any]:
    counts = {
        s: sum(1 for i in analysis.items if i.status == s)
        for s in ("matched", "ambiguous", "not_understood", "not_food")
    }
    return {
        "life_stage": analysis.targets.life_stage,
        "items": [item_json(i) for i in analysis.items],
        "item_counts": counts,
        "food_evidence": {
            "has_food_evidence": analysis.has_food_evidence,
            "food_items": analysis.food_items,
            "matched": analysis.matched_items,
            "counted_share": round(analysis.counted_share, 3),
            "counted_days": analysis.counted_days,
        },
        "energy_kcal_per_day": analysis.energy_kcal_per_day,
        "supplements": [
            {
                "text": s.text,
                "mineral": s.mineral.value,
                "amount_mg": s.amount_mg,
                "form": s.form,
                "form_known": s.form_known,
                "note": s.note,
            }
            for s in analysis.supplements
        ],
        "days": [day_json(d) for d in analysis.days],
        "minerals": {m.value: mineral_json(r) for m, r in analysis.minerals.items()},
        "warnings": list(analysis.warnings),
        "notes": list(analysis.notes),
        "population": dict(analysis.population) if analysis.population is not None else None,
    }


def day_json(day: DayResult) -> dict[str, Any]:
    return {
        "label": day.day.label,
        "date": day.day.date.isoformat() if day.day.date else None,
        "items": day.items,
        "food_items": day.food_items,
        "counted": day.counted,
        "grams": day.grams,
        "energy_kcal": day.energy_kcal,
        "flags": list(day.flags),
        "intake_mg": {
            m.value: {
                "food": round(i.food_mg, 3) if day.counted else None,
                "supplements": i.supplements_mg,
                "total": round(i.total_mg, 3) if day.counted else None,
            }
            for m, i in day.intake.items()
        },
    }


def mineral_json(result: MineralResult) -> dict[str, Any]:
    """One mineral. Where the intake from food is unknown (``evidence`` "none": no matched food
    reports it) the food, total, percentage and probability are null and ``unknown_reason``
    says why; with "thin" evidence only the probability is null."""
    target = result.target
    known = result.food_known
    return {
        "intake_mg_per_day": {
            "food": round(result.intake.food_mg, 3) if known else None,
            "supplements": result.intake.supplements_mg,
            "total": round(result.intake.total_mg, 3) if known else None,
        },
        "target": {"type": target.target_type, "value_mg": target.target_mg},
        "ear_mg": target.ear_mg,
        "ul_mg": target.ul_mg,
        "ul_applies_to": target.ul_applies_to,
        "ul_counted_mg": result.ul_counted_mg,
        "ul_status": result.ul_status,
        "percent_of_target": result.percent_of_target if known else None,
        "probability_inadequate": (result.inadequacy.probability if result.inadequacy else None),
        "probability_method": result.inadequacy.method if result.inadequacy else None,
        "evidence": result.evidence,
        "unknown_reason": result.unknown_reason,
        "top_sources": [
            {**food_ref(s.food), "mg_per_day": s.mg_per_day, "share_percent": s.share_percent}
            for s in result.top_sources
        ],
        "coverage": {
            "reporting": result.reporting,
            "logged": result.logged,
            "food_items": result.food_items,
        },
        "summary": result.summary,
    }
