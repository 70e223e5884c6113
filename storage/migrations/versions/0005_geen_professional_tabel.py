"""Drop the `professional` table: the keyring beside the database holds the professionals.

The PIN (wrapped data key, Argon2id) and the back-off after wrong PINs must be readable
before the encrypted database can be opened, so they live in the keyring file
(storage/keyring.py); this table, from before encryption, was never filled since.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models import IsoDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("professional")


def downgrade() -> None:
    op.create_table(
        "professional",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("naam", sa.String(100), nullable=False),
        sa.Column("pin_hash", sa.String(255), nullable=False),
        sa.Column("failed_attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", IsoDateTime, nullable=True),
    )
