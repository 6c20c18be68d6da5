"""The query log: one anonymised row per message.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the query log and its indexes."""
    op.create_table(
        "query_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pseudonym", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("label", sa.String(64), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("feedback", sa.String(16), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_query_log_pseudonym", "query_log", ["pseudonym"])
    op.create_index("ix_query_log_created_at", "query_log", ["created_at"])
    op.create_index(
        "ix_query_log_answered_language_created",
        "query_log",
        ["answered", "language", "created_at"],
    )
    op.create_index("ix_query_log_label_feedback", "query_log", ["label", "feedback"])


def downgrade() -> None:
    """Drop the query log."""
    op.drop_table("query_log")
