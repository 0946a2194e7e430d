"""The sleep diary: one row a night per person.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "diary_nights",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("night", sa.Date(), nullable=False),
        sa.Column("bed_time", sa.String(5), nullable=False),
        sa.Column("try_time", sa.String(5), nullable=False),
        sa.Column("final_wake", sa.String(5), nullable=False),
        sa.Column("out_of_bed", sa.String(5), nullable=False),
        sa.Column("time_zone", sa.String(64), nullable=False),
        sa.Column("sol_min", sa.Float(), nullable=False),
        sa.Column("awakenings", sa.Integer(), nullable=False),
        sa.Column("waso_min", sa.Float(), nullable=False),
        sa.Column("quality", sa.Integer(), nullable=True),
        sa.Column("naps_min", sa.Float(), nullable=True),
        sa.Column("caffeine", sa.Integer(), nullable=True),
        sa.Column("alcohol", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("person_id", "night", name="uq_diary_nights_person_night"),
    )
    op.create_index(op.f("ix_diary_nights_person_id"), "diary_nights", ["person_id"])


def downgrade() -> None:
    op.drop_table("diary_nights")
