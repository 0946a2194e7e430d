"""The words the questionnaire, the knowledge base and the safety checks share, each with what it
means: signs a person may notice, risk factors, medications and conditions. A base module, so
that none of those imports another for its vocabulary."""

from __future__ import annotations

from typing import Literal

from sleepmin.errors import UnknownTerm

# The knowledge base's grades and kinds (knowledge.kb validates against them; the typed results
# of `explain` describe them).
Strength = Literal["strong", "moderate", "weak"]
Grade = Literal["supported", "limited", "not_supported", "no_evidence_found"]
OverallEvidence = Literal["moderate", "limited", "weak", "none"]
SleepSymptom = Literal[
    "trouble_falling_asleep",
    "night_waking",
    "early_waking",
    "unrefreshing",
    "restless_legs",
    "short_sleep",
    "daytime_sleepiness",
]
FoodKind = Literal["plant", "dairy", "egg", "fish", "shellfish", "meat", "organ_meat"]
ArticleSection = Literal[
    "general",
    "magnesium",
    "iron",
    "zinc",
    "calcium",
    "potassium",
    "copper",
    "signs",
    "testing",
    "diet",
    "supplements",
    "lifestyle",
]

SIGNS: dict[str, str] = {
    "leg_cramps": "painful muscle cramps in the legs, often at night",
    "muscle_twitches": "small involuntary muscle twitches (eyelid, calf)",
    "fatigue": "tiredness or low energy most days",
    "pale_skin": "paler skin, lips or inner eyelids than usual",
    "brittle_nails": "nails that break easily or become spoon-shaped",
    "hair_loss": "more hair loss than usual",
    "anxiety": "feeling anxious, tense or on edge",
    "low_mood": "low mood or irritability",
    "poor_concentration": "trouble concentrating or brain fog",
    "numbness_tingling": "numbness or tingling (hands, feet, around the mouth)",
    "palpitations": "a racing, pounding or irregular heartbeat",
    "muscle_weakness": "muscle weakness",
    "loss_of_appetite": "loss of appetite",
    "loss_of_taste_smell": "reduced taste or smell",
    "slow_wound_healing": "cuts and wounds heal slowly",
    "frequent_infections": "catching infections often",
    "cold_intolerance": "feeling cold when others do not",
    "pica_ice_craving": "craving ice, clay or other non-food items",
    "headaches": "frequent headaches",
}

RISK_FACTORS: dict[str, str] = {
    "heavy_periods": "heavy menstrual bleeding (flooding, over 7 days, clots)",
    "pregnancy": "pregnant",
    "vegan": "a vegan diet",
    "vegetarian": "a vegetarian diet",
    "ppi": "long-term proton-pump inhibitor (acid-reducing) medicine",
    "diuretic": "a diuretic (water tablet)",
    "alcohol_heavy": "heavy alcohol use",
    "gi_malabsorption": "a gut condition that reduces absorption (celiac, Crohn's, chronic "
    "diarrhea)",
    "bariatric_surgery": "weight-loss (bariatric) surgery",
    "high_dose_zinc": "taking high-dose zinc, or zinc denture cream in large amounts",
    "type2_diabetes": "type 2 diabetes",
    "older_age": "aged over 70",
    "frequent_blood_donation": "frequent blood donation",
    "ckd": "chronic kidney disease",
    "low_dairy": "little or no dairy or fortified alternatives",
    "endurance_athlete": "endurance training most days",
}

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
