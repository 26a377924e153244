-- Version 4: the queue of open tickets by next due reads an index (it counted and sorted every ticket).
-- is_open mirrors status <> 'Closed'; queue_key is next_due_at, or 9999-01-01 when no clock runs.

ALTER TABLE "tickets" ADD COLUMN "is_open" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "tickets" ADD COLUMN "queue_key" INTEGER NULL;

UPDATE "tickets" SET "is_open" = CASE WHEN "status" = 'Closed' THEN 0 ELSE 1 END,
                     "queue_key" = coalesce("next_due_at", 3155063616000000000);

CREATE INDEX "ix_tickets_tenant_id_is_open_queue_key_number" ON "tickets" ("tenant_id", "is_open", "queue_key", "number");
CREATE INDEX "ix_tickets_tenant_id_queue_key_number" ON "tickets" ("tenant_id", "queue_key", "number");
