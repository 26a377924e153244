-- Version 2: attachments on tickets (size, type and content checked by the domain).

CREATE TABLE "attachments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_attachments" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "ticket_id" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "at" INTEGER NOT NULL,
    CONSTRAINT "fk_attachments_tickets_ticket_id" FOREIGN KEY ("ticket_id") REFERENCES "tickets" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_attachments_tenant_id_ticket_id" ON "attachments" ("tenant_id", "ticket_id");
CREATE INDEX "ix_attachments_ticket_id" ON "attachments" ("ticket_id");
