"""The rows of the web service's accounts: accounts, sign-in sessions, shares and attempts.
Nothing here hashes or decides; the use cases do (usecases/accounts.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from sleepmin.store.tables import Account, Attempt, LoginSession, Person, Share


def account_by_email(session: Session, email: str) -> Account | None:
    return session.scalar(select(Account).where(Account.email == email))


def account(session: Session, account_id: int) -> Account | None:
    return session.get(Account, account_id)


def add_account(
    session: Session, email: str, password_hash: str, role: str, when: dt.datetime
) -> Account:
    row = Account(email=email, password_hash=password_hash, role=role, created_at=when)
    session.add(row)
    session.flush()
    return row


def add_session(
    session: Session,
    account_id: int,
    token_hash: str,
    csrf_token: str,
    when: dt.datetime,
    expires: dt.datetime,
) -> None:
    session.add(
        LoginSession(
            token_hash=token_hash,
            account_id=account_id,
            csrf_token=csrf_token,
            created_at=when,
            expires_at=expires,
        )
    )


def session_by_token(session: Session, token_hash: str) -> LoginSession | None:
    return session.scalar(select(LoginSession).where(LoginSession.token_hash == token_hash))


def end_session(session: Session, token_hash: str) -> None:
    session.execute(delete(LoginSession).where(LoginSession.token_hash == token_hash))


def end_sessions(session: Session, account_id: int) -> None:
    session.execute(delete(LoginSession).where(LoginSession.account_id == account_id))


def end_expired_sessions(session: Session, now: dt.datetime) -> None:
    session.execute(delete(LoginSession).where(LoginSession.expires_at < now))


def person_by_id(session: Session, person_id: int) -> Person | None:
    return session.get(Person, person_id)


def person_of(session: Session, row: Account) -> Person | None:
    return session.get(Person, row.person_id) if row.person_id is not None else None


# -- shares -----------------------------------------------------------------------------------


def add_share(session: Session, person_id: int, code_hash: str, when: dt.datetime) -> Share:
    row = Share(person_id=person_id, code_hash=code_hash, created_at=when)
    session.add(row)
    session.flush()
    return row


def share_by_code(session: Session, code_hash: str) -> Share | None:
    """The share with this code, locked until the transaction ends (on PostgreSQL), so two
    clinicians cannot both take one code up."""
    return session.scalar(select(Share).where(Share.code_hash == code_hash).with_for_update())


def shares_of_person(session: Session, person_id: int) -> list[Share]:
    """The person's shares that are not revoked."""
    query = select(Share).where(Share.person_id == person_id, Share.revoked_at.is_(None))
    return list(session.scalars(query.order_by(Share.id)))


def pending_shares(session: Session, person_id: int) -> int:
    found = session.scalar(
        select(func.count())
        .select_from(Share)
        .where(
            Share.person_id == person_id,
            Share.revoked_at.is_(None),
            Share.clinician_id.is_(None),
        )
    )
    return int(found or 0)


def shares_with(session: Session, clinician_id: int) -> list[tuple[Share, Person]]:
    rows = session.execute(
        select(Share, Person)
        .join(Person, Person.id == Share.person_id)
        .where(Share.clinician_id == clinician_id, Share.revoked_at.is_(None))
        .order_by(Share.id)
    )
    return [(row[0], row[1]) for row in rows]


def revoke_share(session: Session, share: Share, when: dt.datetime) -> None:
    """Ends the share for good: no clinician, no code, the row kept so its id stays used."""
    share.revoked_at = when
    share.clinician_id = None
    share.code_hash = f"revoked:{share.id}"


# -- attempts ---------------------------------------------------------------------------------


def count_attempts(session: Session, key: str, since: dt.datetime) -> int:
    found = session.scalar(
        select(func.count()).select_from(Attempt).where(Attempt.key == key, Attempt.at >= since)
    )
    return int(found or 0)


def oldest_attempt(session: Session, key: str, since: dt.datetime) -> dt.datetime | None:
    return session.scalar(
        select(func.min(Attempt.at)).where(Attempt.key == key, Attempt.at >= since)
    )


def add_attempt(session: Session, key: str, when: dt.datetime) -> None:
    session.add(Attempt(key=key, at=when))


def forget_attempts(session: Session, before: dt.datetime) -> None:
    session.execute(delete(Attempt).where(Attempt.at < before))
