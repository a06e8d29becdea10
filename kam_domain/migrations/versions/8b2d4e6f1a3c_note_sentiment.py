"""note sentiment: how an imported CRM note reads, for the day-one strength axis

Revision ID: 8b2d4e6f1a3c
Revises: 5e1f0a7c2b9d
Create Date: 2026-12-07 17:15:00
"""
from alembic import op
import sqlalchemy as sa


revision = '8b2d4e6f1a3c'
down_revision = '5e1f0a7c2b9d'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('note') as batch:
        batch.add_column(sa.Column('sentiment', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('note') as batch:
        batch.drop_column('sentiment')
