"""The medications and conditions safety checks understand, each with what it means."""

from __future__ import annotations

from sleepmin.errors import UnknownTerm

MEDICATIONS: dict[str, str] = {
    "ace_inhibitor": "ACE inhibitors (lisinopril, ramipril...): reduce potassium excretion",
    "arb": "angiotensin receptor blockers (losartan, valsartan...): reduce potassium excretion",
    "potassium_sparing_diuretic": "spironolactone, eplerenone, amiloride, triamterene",
    "loop_or_thiazide_diuretic": "furosemide, bumetanide, hydrochlorothiazide...: raise magnesium "
    "and potassium losses",
    "diuretic": "a diuretic of unknown kind (treated as loop or thiazide)",
    "bisphosphonate": "alendronate, risedronate, ibandronate (oral)",
    "tetracycline": "doxycycline, minocycline, tetracycline",
    "quinolone": "ciprofloxacin, levofloxacin, moxifloxacin",
    "levothyroxine": "thyroid hormone tablets",
    "ppi": "proton-pump inhibitors (omeprazole, pantoprazole...), long-term",
    "levodopa": "levodopa (Parkinson's disease, restless legs)",
    "lithium": "lithium (mood stabiliser): can raise blood calcium and affect the thyroid",
    "ssri": "SSRI or SNRI antidepressants (sertraline, citalopram, venlafaxine...): can "
    "worsen restless legs",
    "antihistamine_sedating": "sedating antihistamines (diphenhydramine, doxylamine, "
    "promethazine...), often in sleep aids: can worsen restless legs",
    "dopamine_antagonist": "dopamine-blocking medicines (metoclopramide, prochlorperazine, "
    "most antipsychotics): can worsen restless legs",
}

CONDITIONS: dict[str, str] = {
    "ckd": "chronic kidney disease or reduced kidney function (eGFR below normal, dialysis)",
    "hemochromatosis": "hereditary hemochromatosis or known iron overload",
    "pregnancy": "pregnant",
    "wilson_disease": "Wilson disease (copper overload)",
    "kidney_stones": "a history of kidney stones",
    "inflammation": "a current infection or an active inflammatory disease (e.g. rheumatoid "
    "arthritis, inflammatory bowel disease in a flare): ferritin reads falsely high",
    "sleep_apnea": "diagnosed obstructive sleep apnoea",
}


def check_terms(kind: str, words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Normalise and check vocabulary words; an unknown word lists the valid ones."""
    vocabulary = MEDICATIONS if kind == "medication" else CONDITIONS
    checked = []
    for word in words:
        key = word.strip().lower().replace("-", "_").replace(" ", "_")
        if key not in vocabulary:
            raise UnknownTerm(kind, word, sorted(vocabulary))
        checked.append(key)
    return tuple(dict.fromkeys(checked))
