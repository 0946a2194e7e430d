"""The screening questions in plain words (paraphrased, never an instrument's official wording),
shared by every interface that asks them: the terminal (`assess --interactive`) and the web
app's questionnaire."""

from __future__ import annotations

SLEEP_QUESTIONS = (
    ("trouble_falling_asleep", "Do you have trouble falling asleep?"),
    ("night_waking", "Do you wake during the night and struggle to get back to sleep?"),
    ("early_waking", "Do you wake too early?"),
    ("unrefreshing", "Is your sleep unrefreshing?"),
)


# paraphrased STOP-Bang items (Chung 2008); age and sex come from the profile
STOP_BANG_QUESTIONS = (
    ("snoring", "Do you snore loudly (heard through a closed door, or others complain)?"),
    ("tired", "Do you often feel tired, fatigued or sleepy during the day?"),
    ("observed_apnea", "Has anyone seen you stop breathing or choke/gasp in your sleep?"),
    ("high_blood_pressure", "Do you have, or are you treated for, high blood pressure?"),
    ("bmi_over_35", "Is your body mass index over 35 kg/m²?"),
    ("neck_over_40cm", "Is your neck (shirt collar) size over 40 cm (16 inches)?"),
)
PHQ2_ITEMS = (  # paraphrased PHQ-2 items (Kroenke 2003), over the last two weeks
    "Little interest or pleasure in doing things",
    "Feeling down, depressed or hopeless",
)
SELF_HARM_QUESTION = (
    "Have you had thoughts that you would be better off dead, or of hurting yourself?"
)
PHQ2_SCALE = ("not at all", "several days", "more than half the days", "nearly every day")
