"""People and what they enter: answers (with history), food-log entries, pins, supplements,
lab results and saved assessments.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _person_id() -> sa.Column[int]:
    return sa.Column(
        "person_id",
        sa.Integer(),
        sa.ForeignKey("people.id", ondelete="CASCADE", name=None),
        nullable=False,
    )


def _when(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("name_key", sa.String(240), nullable=False),
        sa.Column("age_years", sa.Float(), nullable=False),
        sa.Column("sex", sa.String(8), nullable=False),
        sa.Column("pregnant", sa.Boolean(), nullable=False),
        sa.Column("lactating", sa.Boolean(), nullable=False),
        sa.Column("diet", sa.String(16), nullable=False),
        sa.Column("heavy_periods", sa.Boolean(), nullable=False),
        _when("created_at"),
        _when("updated_at"),
        sa.UniqueConstraint("name", name=op.f("uq_people_name")),
        sa.UniqueConstraint("name_key", name=op.f("uq_people_name_key")),
    )
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer(), primary_key=True),
        _person_id(),
        _when("saved_at"),
        sa.Column("answers", sa.JSON(), nullable=False),
    )
    op.create_table(
        "log_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        _person_id(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("line", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("food_id", sa.String(24), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("grams", sa.Float(), nullable=True),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        _when("added_at"),
    )
    op.create_table(
        "pins",
        sa.Column("id", sa.Integer(), primary_key=True),
        _person_id(),
        sa.Column("phrase", sa.String(2000), nullable=False),
        sa.Column("food_id", sa.String(24), nullable=False),
        sa.UniqueConstraint("person_id", "phrase", name="uq_pins_person_phrase"),
    )
    op.create_table(
        "supplements",
        sa.Column("id", sa.Integer(), primary_key=True),
        _person_id(),
        sa.Column("text", sa.String(2000), nullable=False),
        _when("added_at"),
        sa.UniqueConstraint("person_id", "text", name="uq_supplements_person_text"),
    )
    op.create_table(
        "lab_results",
        sa.Column("id", sa.Integer(), primary_key=True),
        _person_id(),
        sa.Column("taken_on", sa.String(32), nullable=False),
        sa.Column("test", sa.String(64), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(32), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        _when("added_at"),
        sa.UniqueConstraint(
            "person_id", "test", "taken_on", "value", "unit", name="uq_lab_results_same_result"
        ),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), primary_key=True),
        _person_id(),
        _when("created_at"),
        sa.Column("report", sa.JSON(), nullable=False),
    )
    for table in ("answers", "log_entries", "pins", "supplements", "lab_results", "assessments"):
        op.create_index(op.f(f"ix_{table}_person_id"), table, ["person_id"])
    op.create_index(op.f("ix_log_entries_day"), "log_entries", ["day"])


def downgrade() -> None:
    for table in ("assessments", "lab_results", "supplements", "pins", "log_entries", "answers"):
        op.drop_table(table)
    op.drop_table("people")
