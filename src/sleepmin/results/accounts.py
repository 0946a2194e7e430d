"""Typed results of the web service's accounts and sharing."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, RootModel

from sleepmin.results.base import Result
from sleepmin.results.people import PersonSummary

Role = Literal["person", "clinician"]


class AccountInfo(Result):
    """The signed-in account: who, in which role, and (for a person) their profile and how much
    is kept."""

    email: str = Field(description="The e-mail the account signs in with, as compared.")
    role: Role = Field(description="person: their own data; clinician: people who shared.")
    person: PersonSummary | None = Field(
        description="For a person who has given their profile: it and the counts of what is "
        "kept; null before the profile is given, and for a clinician."
    )


class SignedIn(Result):
    """What signing in gives besides the session cookie: the token every changing request must
    send back in the X-CSRF-Token header, and when the session ends."""

    account: AccountInfo = Field(description="The account signed in.")
    csrf_token: str = Field(description="Send it as X-CSRF-Token with POST, PUT and DELETE.")
    expires_at: str = Field(description="When the session ends (ISO 8601, UTC).")


class Invitation(Result):
    """An invitation to share one's data with a clinician: the code is shown once."""

    share_id: int = Field(description="The share's id (to revoke it).")
    code: str = Field(description="Give this code to the clinician; it is shown only once.")
    expires_at: str = Field(description="The code must be taken up before this (ISO 8601).")


class Share(Result):
    """One share of a person's data."""

    share_id: int = Field(description="The share's id.")
    person: str | None = Field(
        description="For a clinician: the person's name; for the person: null."
    )
    clinician: str | None = Field(
        description="For the person: the e-mail of the clinician who took the invitation up "
        "(null until then, and in a clinician's own list)."
    )
    accepted: bool = Field(description="Whether a clinician has taken the invitation up.")
    accepted_at: str | None = Field(description="When it was taken up (ISO 8601), or null.")
    created_at: str = Field(description="When the invitation was made (ISO 8601, UTC).")


class Shares(RootModel[list[Share]]):
    """The shares a person made, or the people who shared with a clinician."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    def to_json(self) -> list[dict[str, object]]:
        return [s.to_json() for s in self.root]
