"""The audit trail as a hash chain: each record numbered (seq, without gaps) and hashed over its fields
and the hash before it. Records already written are numbered and chained in the order written; the
append-only triggers are lifted for that step only and put back.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 10:19:19.599117

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from db import migration_data as seed


# revision identifiers, used by Alembic.
revision: str = '0007'
down_revision: Union[str, Sequence[str], None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    seed.drop_append_only(bind, "audit_record")
    with op.batch_alter_table('audit_record', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))
    seed.chain_audit(bind)
    with op.batch_alter_table('audit_record', schema=None) as batch_op:
        batch_op.alter_column('seq', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_audit_record_seq'), ['seq'])
    seed.append_only(bind, "audit_record")


def downgrade() -> None:
    """Downgrade schema."""
    bind = op.get_bind()
    seed.drop_append_only(bind, "audit_record")
    with op.batch_alter_table('audit_record', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_record_seq'), type_='unique')
        batch_op.drop_column('hash')
        batch_op.drop_column('seq')
    seed.append_only(bind, "audit_record")
