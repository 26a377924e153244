-- Version 6: support mailboxes and the messages they received (exactly once per Message-ID), and the outbox's
-- sending state (Message-ID, back-off, last error, given up).

ALTER TABLE "outbox" ADD COLUMN "message_id" TEXT NULL;
ALTER TABLE "outbox" ADD COLUMN "next_attempt_at" INTEGER NULL;
ALTER TABLE "outbox" ADD COLUMN "last_error" TEXT NULL;
ALTER TABLE "outbox" ADD COLUMN "failed_at" INTEGER NULL;

CREATE INDEX "ix_outbox_tenant_id_message_id" ON "outbox" ("tenant_id", "message_id");

CREATE TABLE "mailboxes" (
    "id" TEXT NOT NULL CONSTRAINT "pk_mailboxes" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "active" INTEGER NOT NULL,
    "imap_host" TEXT NULL,
    "imap_port" INTEGER NOT NULL,
    "imap_security" TEXT NOT NULL,
    "imap_user" TEXT NULL,
    "imap_password_sealed" TEXT NULL,
    "imap_folder" TEXT NOT NULL,
    "uid_validity" INTEGER NULL,
    "last_uid" INTEGER NOT NULL,
    CONSTRAINT "fk_mailboxes_tenants_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "ix_mailboxes_name" ON "mailboxes" ("name");
CREATE INDEX "ix_mailboxes_tenant_id" ON "mailboxes" ("tenant_id");

CREATE TABLE "inbound_mails" (
    "id" TEXT NOT NULL CONSTRAINT "pk_inbound_mails" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "mailbox_id" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "uid" INTEGER NULL,
    "from" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "raw" BLOB NOT NULL,
    "received_at" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "ticket_id" TEXT NULL,
    CONSTRAINT "fk_inbound_mails_mailboxes_mailbox_id" FOREIGN KEY ("mailbox_id") REFERENCES "mailboxes" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_inbound_mails_tenants_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "ix_inbound_mails_mailbox_id_message_id" ON "inbound_mails" ("mailbox_id", "message_id");
CREATE INDEX "ix_inbound_mails_tenant_id_message_id" ON "inbound_mails" ("tenant_id", "message_id");
CREATE INDEX "ix_inbound_mails_tenant_id_outcome_received_at" ON "inbound_mails" ("tenant_id", "outcome", "received_at");
