-- Version 4: the queue of open tickets by next due reads an index (it counted and sorted every ticket).
-- is_open mirrors status <> 'Closed'; queue_key is next_due_at, or 9999-01-01 when no clock runs.

ALTER TABLE tickets ADD COLUMN is_open boolean NOT NULL DEFAULT TRUE;
ALTER TABLE tickets ADD COLUMN queue_key timestamp with time zone;

UPDATE tickets SET is_open = (status <> 'Closed'),
                   queue_key = coalesce(next_due_at, TIMESTAMPTZ '9999-01-01 00:00:00+00');

CREATE INDEX ix_tickets_tenant_id_is_open_queue_key_number ON tickets (tenant_id, is_open, queue_key, number);
CREATE INDEX ix_tickets_tenant_id_queue_key_number ON tickets (tenant_id, queue_key, number);
