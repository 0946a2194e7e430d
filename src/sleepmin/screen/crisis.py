"""Crisis wording: shown first whenever thoughts of self-harm are reported, whatever else the
answers hold — even when the rest of the screening cannot be done (e.g. a teenager)."""

from __future__ import annotations

CRISIS_SOURCES = ("lifeline_988", "findahelpline")
CRISIS_TEXT = (
    "If you are having thoughts of harming yourself or ending your life, get help now — do not "
    "wait for an appointment: call your local emergency number (911 in the US, 999 or 112 in "
    "the UK and Europe), or a crisis line: in the US call or text 988 (988 Suicide & Crisis "
    "Lifeline); in the UK and Ireland call Samaritans on 116 123; elsewhere find your local "
    "line at findahelpline.com. Your local number may differ. Tell someone you trust how you "
    "are feeling."
)
