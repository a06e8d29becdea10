"""plan canvas: the account channel's canvas the bot keeps the account plan in

Revision ID: d4f7a2c91e05
Revises: 8b2d4e6f1a3c
Create Date: 2026-12-07 23:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'd4f7a2c91e05'
down_revision = '8b2d4e6f1a3c'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('account') as batch:
        batch.add_column(sa.Column('plan_canvas_id', sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('account') as batch:
        batch.drop_column('plan_canvas_id')
