"""owner links: CRM owners linked to Slack users, and where an account's KAM came from

Revision ID: 5e1f0a7c2b9d
Revises: 2c021bb3fcd8
Create Date: 2026-12-07 17:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '5e1f0a7c2b9d'
down_revision = '2c021bb3fcd8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('ownerlink',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('crm_owner_key', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('crm_owner_name', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('user_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('linked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['workspace.team_id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('team_id', 'crm_owner_key', name='uq_owner_link')
    )
    with op.batch_alter_table('account') as batch:
        batch.add_column(sa.Column('crm_owner_email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True))
        batch.add_column(sa.Column('owner_source', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('account') as batch:
        batch.drop_column('owner_source')
        batch.drop_column('crm_owner_email')
    op.drop_table('ownerlink')
