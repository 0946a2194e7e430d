"""The account use cases on both databases, with the clock in the test's hands: sessions end
when they expire, invitations when theirs does, a code works once, limits count per key and
forget old attempts, and passwords are kept only as argon2id hashes."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy
from hypothesis import given, settings
from hypothesis import strategies as st

from sleepmin.errors import (
    AccountExists,
    InvalidInput,
    NotFound,
    NotSignedIn,
    TooManyAttempts,
    WrongCredentials,
)
from sleepmin.intake.targets import Profile, Sex
from sleepmin.store.db import Store
from sleepmin.usecases import accounts

NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse battery staple"


def test_a_session_ends_when_it_expires_or_is_ended(store: Store) -> None:
    accounts.sign_up(store, "ana@example.org", PASSWORD, "person", now=NOW)
    token, signed = accounts.sign_in(store, "ANA@example.org ", PASSWORD, now=NOW)
    assert signed.account.email == "ana@example.org"
    assert accounts.signed_in(store, token, now=NOW + dt.timedelta(days=13)).email == (
        "ana@example.org"
    )
    with pytest.raises(NotSignedIn):
        accounts.signed_in(store, token, now=NOW + accounts.SESSION_LIFE + dt.timedelta(seconds=1))
    with pytest.raises(NotSignedIn):  # and it is gone from the store once seen expired
        accounts.signed_in(store, token, now=NOW)
    second, _ = accounts.sign_in(store, "ana@example.org", PASSWORD, now=NOW)
    third, _ = accounts.sign_in(store, "ana@example.org", PASSWORD, now=NOW, ending=second)
    with pytest.raises(NotSignedIn):  # a sign-in ends the browser's old session
        accounts.signed_in(store, second, now=NOW)
    accounts.sign_out(store, third)
    with pytest.raises(NotSignedIn):
        accounts.signed_in(store, third, now=NOW)
    for nonsense in (None, "", "x" * 500, "not-a-token"):
        with pytest.raises(NotSignedIn):
            accounts.signed_in(store, nonsense, now=NOW)


def test_passwords_are_kept_as_argon2id_hashes_only(store: Store) -> None:
    accounts.sign_up(store, "bo@example.org", PASSWORD, "person", now=NOW)
    with store.engine.connect() as conn:
        kept = conn.execute(sqlalchemy.text("SELECT password_hash FROM accounts")).scalar_one()
        tokens = conn.execute(sqlalchemy.text("SELECT token_hash FROM sessions")).all()
    assert kept.startswith("$argon2id$") and PASSWORD not in kept
    token, _ = accounts.sign_in(store, "bo@example.org", PASSWORD, now=NOW)
    with store.engine.connect() as conn:
        tokens = [r[0] for r in conn.execute(sqlalchemy.text("SELECT token_hash FROM sessions"))]
    assert token not in tokens and len(tokens) == 1 and len(tokens[0]) == 64
    with pytest.raises(WrongCredentials):
        accounts.sign_in(store, "bo@example.org", PASSWORD + "!", now=NOW)
    with pytest.raises(WrongCredentials):
        accounts.sign_in(store, "nobody@example.org", PASSWORD, now=NOW)
    with pytest.raises(AccountExists):
        accounts.sign_up(store, "BO@example.org", PASSWORD, "clinician", now=NOW)


def test_an_invitation_works_once_and_expires(store: Store) -> None:
    accounts.sign_up(store, "cy@example.org", PASSWORD, "person", now=NOW)
    accounts.sign_up(store, "dr@example.org", PASSWORD, "clinician", now=NOW)
    accounts.sign_up(store, "dr2@example.org", PASSWORD, "clinician", now=NOW)
    person = accounts.session_for(store, "cy@example.org")
    accounts.set_profile(store, person, Profile(40, Sex.FEMALE))
    person = accounts.session_for(store, "cy@example.org")
    doctor = accounts.session_for(store, "dr@example.org")
    late = accounts.invite(store, person, now=NOW)
    with pytest.raises(NotFound):
        accounts.accept(store, doctor, late.code, now=NOW + accounts.INVITATION_LIFE * 2)
    made = accounts.invite(store, person, now=NOW)
    shared = accounts.accept(store, doctor, made.code.lower(), now=NOW)  # typed in lower case
    assert shared.person == "cy@example.org"
    with pytest.raises(NotFound):
        accounts.accept(store, accounts.session_for(store, "dr2@example.org"), made.code, now=NOW)
    assert accounts.shared_person(store, doctor, made.share_id) == "cy@example.org"
    accounts.revoke(store, person, made.share_id)
    with pytest.raises(NotFound):
        accounts.shared_person(store, doctor, made.share_id)


def test_limits_count_per_key_within_their_window(store: Store) -> None:
    window = dt.timedelta(minutes=15)
    for i in range(3):
        accounts.check_limit(
            store, "sign-in:ip:1", limit=3, window=window, now=NOW + dt.timedelta(seconds=i)
        )
    with pytest.raises(TooManyAttempts) as refused:
        accounts.check_limit(
            store, "sign-in:ip:1", limit=3, window=window, now=NOW + dt.timedelta(minutes=1)
        )
    assert 0 < refused.value.retry_after <= 14 * 60
    accounts.check_limit(store, "sign-in:ip:2", limit=3, window=window, now=NOW)  # another key
    accounts.check_limit(store, "sign-in:ip:1", limit=3, window=window, now=NOW + window * 2)


@settings(max_examples=40, deadline=None)
@given(email=st.text(max_size=120))
def test_any_email_is_kept_normalised_or_refused_clearly(email: str) -> None:
    try:
        kept = accounts.normal_email(email)
    except InvalidInput as exc:
        assert "e-mail" in str(exc)
        return
    assert kept == kept.strip().lower() and "@" in kept and len(kept) <= 80
