"""Use case: a sample person with a week of data, for `sleepmin serve --demo`, so a newcomer
sees a full assessment in one command. The person is made up; the foods and numbers are the
real database's."""

from __future__ import annotations

import datetime as dt
import io

from sleepmin.foods.database import FoodDatabase
from sleepmin.intake.targets import Diet, Profile, Sex
from sleepmin.screen.answers import parse_answers
from sleepmin.store.db import Store
from sleepmin.usecases import accounts
from sleepmin.usecases.kept import assess_person, import_labs_for
from sleepmin.usecases.labs import LabsSource
from sleepmin.usecases.people import add_supplement, keep_answers, log_add

DEMO_EMAIL = "demo@sleepmin.example"
DEMO_PASSWORD = "demo-password-not-secret"
_DAYS = (
    "oatmeal with milk\n1 banana\ncoffee with milk\nturkey sandwich\n1 apple\n"
    "spaghetti with tomato sauce\n1 cup cooked broccoli",
    "2 slices whole wheat toast with butter\n1 cup orange juice\n1 cup lentil soup\n"
    "a handful of almonds\ngrilled salmon\n1 baked potato",
    "1 cup yogurt\n1 banana\nchicken salad\n2 slices bread\n1 cup cooked rice\n1 cup spinach",
)
_ANSWERS = {
    "sleep": {"trouble_falling_asleep": True, "night_waking": True, "unrefreshing": True},
    "rls": {
        "urge_to_move": True,
        "worse_at_rest": True,
        "relieved_by_movement": True,
        "worse_evening_night": True,
        "not_explained_by_other": True,
    },
    "isi": [3, 3, 2, 3, 2, 2, 3],
    "signs": ["fatigue", "leg_cramps"],
    "risk_factors": ["heavy_periods"],
    "mood": {"phq2": [1, 0], "self_harm_thoughts": False},
}
_LABS = "test,value,unit,date\nferritin,28,ng/mL,{date}\nmagnesium,0.78,mmol/L,{date}\n"


def seed_demo(store: Store, foods: FoodDatabase, *, today: dt.date) -> None:
    """The demo account (DEMO_EMAIL, DEMO_PASSWORD) with a profile, answers, three days of food,
    a supplement, two lab results and a saved assessment."""
    accounts.sign_up(store, DEMO_EMAIL, DEMO_PASSWORD, "person", now=dt.datetime.now(dt.UTC))
    session = accounts.session_for(store, DEMO_EMAIL)
    accounts.set_profile(store, session, Profile(38, Sex.FEMALE, diet=Diet.OMNIVORE))
    keep_answers(store, DEMO_EMAIL, parse_answers(_ANSWERS), new_version=True)
    for back, day in enumerate(_DAYS, start=1):
        log_add(store, DEMO_EMAIL, day, foods, day=today - dt.timedelta(days=back), today=today)
    add_supplement(store, DEMO_EMAIL, "magnesium glycinate 200 mg")
    taken = (today - dt.timedelta(days=10)).isoformat()
    import_labs_for(
        store, DEMO_EMAIL, LabsSource(io.StringIO(_LABS.format(date=taken)), "demo labs")
    )
    assess_person(store, DEMO_EMAIL, today=today, foods=foods)
