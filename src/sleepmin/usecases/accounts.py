"""Use cases of the web service's accounts: sign-up and sign-in (argon2id password hashes),
sessions kept in the store (only a hash of each token), sign-in limits that every worker
counts alike, and sharing a person's data with a clinician by an invitation code.

A person's account owns one person in the store (named by the account's e-mail), made when
they first give their profile; everything else about them is the people use cases'. Answers
never tell who has an account: a wrong password and an unknown e-mail read the same, and an id
that is not yours is "not found" whether it exists or not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from sleepmin.errors import (
    AccountExists,
    InvalidInput,
    NotAllowed,
    NotFound,
    NotSignedIn,
    TooManyAttempts,
    WrongCredentials,
)
from sleepmin.intake.targets import Profile
from sleepmin.results.accounts import AccountInfo, Invitation, Share, Shares, SignedIn
from sleepmin.results.people import PersonDeleted
from sleepmin.store import accounts as rows
from sleepmin.store import people as people_rows
from sleepmin.store.db import Store
from sleepmin.store.tables import NAME_LENGTH
from sleepmin.usecases.people import add_person, delete_person, show_person, update_person

Role = Literal["person", "clinician"]
SESSION_LIFE = dt.timedelta(days=14)
INVITATION_LIFE = dt.timedelta(days=7)
MAX_PENDING = 10  # codes made and not yet taken up, per person
PASSWORD_MIN, PASSWORD_MAX = 10, 1000
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_HASHER = PasswordHasher()  # argon2id, the library's recommended parameters
# checked when the e-mail is unknown, so that both answers take the same time
_NOBODY = _HASHER.hash("no account has this password")


@dataclass(frozen=True, slots=True)
class Session:
    """A signed-in request: the account and the session's CSRF token."""

    account_id: int
    email: str
    role: Role
    person: str | None  # the person's name in the store, once they gave their profile
    csrf_token: str

    def own_person(self) -> str:
        """The person whose data a person's routes read and change."""
        if self.role != "person":
            raise NotAllowed("a clinician's account has no data of its own; sign in as a person")
        if self.person is None:
            raise NotAllowed("give your profile first (age, sex): everything else builds on it")
        return self.person


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normal_email(email: str) -> str:
    """An e-mail as compared and kept: NFC, trimmed, lower case; refused unless it looks like
    one (and fits a person's name in the store, 80 characters)."""
    cleaned = unicodedata.normalize("NFC", email).strip().lower()
    if len(cleaned) > NAME_LENGTH or not _EMAIL.fullmatch(cleaned):
        raise InvalidInput(
            f"the e-mail {email[:40]!r}",
            f"is not an e-mail address sleepmin can use (at most {NAME_LENGTH} characters)",
            "give it as name@example.org",
        )
    return cleaned


def _check_password(password: str) -> None:
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise InvalidInput(
            "the password",
            f"has {len(password)} characters",
            f"choose one of {PASSWORD_MIN} to {PASSWORD_MAX} characters (a few words is good)",
        )


def check_limit(
    store: Store, key: str, *, limit: int, window: dt.timedelta, now: dt.datetime
) -> None:
    """Counts one attempt on ``key`` (an address, or an e-mail's hash) and refuses it, with when
    to try again, past ``limit`` attempts in ``window``."""
    since = now - window
    with store.unit() as session:
        if rows.count_attempts(session, key, since) >= limit:
            oldest = rows.oldest_attempt(session, key, since) or now
            oldest = oldest if oldest.tzinfo else oldest.replace(tzinfo=dt.UTC)
            raise TooManyAttempts(max(1, int((oldest + window - now).total_seconds())))
        rows.add_attempt(session, key, now)
        rows.forget_attempts(session, now - dt.timedelta(days=1))


def sign_up(
    store: Store, email: str, password: str, role: Role, *, now: dt.datetime
) -> AccountInfo:
    """A new account; the password is kept only as its argon2id hash."""
    address = normal_email(email)
    _check_password(password)
    hashed = _HASHER.hash(password)
    with store.unit() as session:
        if rows.account_by_email(session, address) is not None:
            raise AccountExists()
        account = rows.add_account(session, address, hashed, role, now)
        return AccountInfo(email=account.email, role=role, person=None)


def sign_in(
    store: Store, email: str, password: str, *, now: dt.datetime, ending: str | None = None
) -> tuple[str, SignedIn]:
    """A new session (the token, for the cookie, and what the page needs); the session the
    browser had (``ending``) is ended, so a token seen before sign-in is never a signed-in one.
    """
    try:
        address = normal_email(email)
    except InvalidInput:
        address = ""
    with store.unit() as session:
        account = rows.account_by_email(session, address) if address else None
        known = account.password_hash if account is not None else _NOBODY
        try:
            _HASHER.verify(known, password[:PASSWORD_MAX])
        except (VerificationError, InvalidHashError):
            raise WrongCredentials() from None
        if account is None:
            raise WrongCredentials()
        if _HASHER.check_needs_rehash(account.password_hash):
            account.password_hash = _HASHER.hash(password)
        if ending:
            rows.end_session(session, _digest(ending))
        rows.end_expired_sessions(session, now)
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        expires = now + SESSION_LIFE
        rows.add_session(session, account.id, _digest(token), csrf, now, expires)
        account_id = account.id
    info = account_info(store, account_id)
    return token, SignedIn(account=info, csrf_token=csrf, expires_at=expires.isoformat())


def signed_in(store: Store, token: str | None, *, now: dt.datetime) -> Session:
    """The session a token belongs to; NotSignedIn when there is none, or it has expired."""
    if not token or len(token) > 200:
        raise NotSignedIn()
    with store.unit() as session:
        found = rows.session_by_token(session, _digest(token))
        if found is None:
            raise NotSignedIn()
        expires = found.expires_at
        if (expires if expires.tzinfo else expires.replace(tzinfo=dt.UTC)) <= now:
            rows.end_session(session, found.token_hash)  # committed as the unit ends
            expired = True
        else:
            expired = False
            account = rows.account(session, found.account_id)
            person = rows.person_of(session, account) if account is not None else None
            signed = (
                None
                if account is None
                else Session(
                    account.id,
                    account.email,
                    "clinician" if account.role == "clinician" else "person",
                    person.name if person is not None else None,
                    found.csrf_token,
                )
            )
    if expired or signed is None:
        raise NotSignedIn()
    return signed


def session_for(store: Store, email: str) -> Session:
    """An account acting without a browser session (seeding the demo): no CSRF token."""
    with store.unit() as session:
        account = rows.account_by_email(session, normal_email(email))
        if account is None:
            raise NotSignedIn()
        person = rows.person_of(session, account)
        return Session(
            account.id,
            account.email,
            "clinician" if account.role == "clinician" else "person",
            person.name if person is not None else None,
            "",
        )


def sign_out(store: Store, token: str | None) -> None:
    if token:
        with store.unit() as session:
            rows.end_session(session, _digest(token))


def account_info(store: Store, account_id: int) -> AccountInfo:
    with store.unit() as session:
        account = rows.account(session, account_id)
        if account is None:
            raise NotSignedIn()
        person = rows.person_of(session, account)
        name = person.name if person is not None else None
        email, role = account.email, account.role
    return AccountInfo(
        email=email,
        role="clinician" if role == "clinician" else "person",
        person=show_person(store, name) if name is not None else None,
    )


def set_profile(store: Store, signed: Session, profile: Profile) -> AccountInfo:
    """A person's profile: made the first time (their person in the store, named by their
    e-mail), changed after."""
    if signed.role != "person":
        raise NotAllowed("a clinician's account has no profile; sign in as a person")
    if signed.person is None:
        add_person(store, signed.email, profile)
        with store.unit() as session:
            account = rows.account(session, signed.account_id)
            person = people_rows.get_person(session, signed.email)
            assert account is not None
            account.person_id = person.id
    else:
        update_person(
            store,
            signed.person,
            age_years=profile.age_years,
            sex=profile.sex,
            pregnant=profile.pregnant,
            lactating=profile.lactating,
            diet=profile.diet,
            heavy_periods=profile.heavy_menstrual_bleeding,
        )
    return account_info(store, signed.account_id)


def delete_account(store: Store, signed: Session) -> PersonDeleted | None:
    """The account and, for a person, every row of their data (shares included)."""
    removed = delete_person(store, signed.person) if signed.person is not None else None
    with store.unit() as session:
        account = rows.account(session, signed.account_id)
        if account is not None:
            session.delete(account)  # sessions and a clinician's shares go with it
    return removed


# -- sharing with a clinician ------------------------------------------------------------------


def _code() -> str:
    raw = secrets.token_hex(6).upper()  # 48 bits, read aloud or typed: ABCD-EF12-3456
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def invite(store: Store, signed: Session, *, now: dt.datetime) -> Invitation:
    """An invitation code for a clinician; shown once, kept only as its hash."""
    name = signed.own_person()
    code = _code()
    with store.unit() as session:
        person = people_rows.get_person(session, name)
        if rows.pending_shares(session, person.id) >= MAX_PENDING:
            raise NotAllowed(
                f"you have {MAX_PENDING} codes no clinician has taken up yet; stop sharing one "
                "of them before making another"
            )
        share = rows.add_share(session, person.id, _digest(code), now)
        share_id = share.id
    return Invitation(share_id=share_id, code=code, expires_at=(now + INVITATION_LIFE).isoformat())


def accept(store: Store, signed: Session, code: str, *, now: dt.datetime) -> Share:
    """A clinician takes an invitation up; a code already used, expired or unknown is refused
    in the same words."""
    if signed.role != "clinician":
        raise NotAllowed("only a clinician's account can take up an invitation")
    check_limit(  # codes are 48 bits: guessing online stays hopeless
        store, f"accept:{signed.account_id}", limit=20, window=dt.timedelta(minutes=15), now=now
    )
    cleaned = code.strip().upper().replace(" ", "")
    with store.unit() as session:
        share = rows.share_by_code(session, _digest(cleaned[:40]))
        created = share.created_at if share is not None else now
        created = created if created.tzinfo else created.replace(tzinfo=dt.UTC)
        if share is None or share.clinician_id is not None or created + INVITATION_LIFE < now:
            raise NotFound("invitation")
        share.clinician_id = signed.account_id
        share.accepted_at = now
        person = rows.person_by_id(session, share.person_id)
        assert person is not None  # a share goes with its person (ON DELETE CASCADE)
        return Share(
            share_id=share.id,
            person=person.name,
            clinician=None,
            accepted=True,
            accepted_at=now.isoformat(),
            created_at=people_rows.stamp(share.created_at),
        )


def my_shares(store: Store, signed: Session) -> Shares:
    """The person's shares: who took each up (the clinician's e-mail) and when."""
    name = signed.own_person()
    with store.unit() as session:
        person = people_rows.get_person(session, name)
        shown = []
        for s in rows.shares_of_person(session, person.id):
            clinician = rows.account(session, s.clinician_id) if s.clinician_id else None
            shown.append(
                Share(
                    share_id=s.id,
                    person=None,
                    clinician=clinician.email if clinician else None,
                    accepted=s.clinician_id is not None,
                    accepted_at=people_rows.stamp(s.accepted_at) if s.accepted_at else None,
                    created_at=people_rows.stamp(s.created_at),
                )
            )
        return Shares(shown)


def revoke(store: Store, signed: Session, share_id: int) -> None:
    """Ends a share at once: the clinician's next request is refused."""
    name = signed.own_person()
    with store.unit() as session:
        person = people_rows.get_person(session, name)
        share = next(
            (s for s in rows.shares_of_person(session, person.id) if s.id == share_id), None
        )
        if share is None:
            raise NotFound("share")
        rows.revoke_share(session, share, dt.datetime.now(dt.UTC))


def shared_with_me(store: Store, signed: Session) -> Shares:
    if signed.role != "clinician":
        raise NotAllowed("only a clinician's account has people who shared with it")
    with store.unit() as session:
        return Shares(
            [
                Share(
                    share_id=s.id,
                    person=p.name,
                    clinician=None,
                    accepted=True,
                    accepted_at=people_rows.stamp(s.accepted_at) if s.accepted_at else None,
                    created_at=people_rows.stamp(s.created_at),
                )
                for s, p in rows.shares_with(session, signed.account_id)
            ]
        )


def shared_person(store: Store, signed: Session, share_id: int) -> str:
    """The name of the person a clinician may read through this share; NotFound otherwise."""
    if signed.role != "clinician":
        raise NotFound("share")
    with store.unit() as session:
        for share, person in rows.shares_with(session, signed.account_id):
            if share.id == share_id:
                return person.name
    raise NotFound("share")
