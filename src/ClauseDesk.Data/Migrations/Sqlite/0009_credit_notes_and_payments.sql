-- Version 9: credit notes kept as issued, each correcting one invoice, and payments received; how a payment
-- is allocated is computed on the account, never stored.

CREATE TABLE "credit_notes" (
    "id" TEXT NOT NULL CONSTRAINT "pk_credit_notes" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "invoice_id" TEXT NOT NULL,
    "invoice_number" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "issue_date" TEXT NOT NULL,
    "tax_inclusive" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "document_json" TEXT NOT NULL,
    "issued_by" TEXT NOT NULL,
    "issued_at" INTEGER NOT NULL,
    CONSTRAINT "fk_credit_notes_invoices_invoice_id" FOREIGN KEY ("invoice_id") REFERENCES "invoices" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_credit_notes_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_credit_notes_tenants_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE RESTRICT
);

CREATE TABLE "payments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_payments" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "received" TEXT NOT NULL,
    "amount" TEXT NOT NULL,
    "reference" TEXT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" INTEGER NOT NULL,
    CONSTRAINT "fk_payments_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_payments_tenants_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_credit_notes_invoice_id" ON "credit_notes" ("invoice_id");
CREATE INDEX "ix_credit_notes_organisation_id" ON "credit_notes" ("organisation_id");
CREATE INDEX "ix_credit_notes_tenant_id_organisation_id_issue_date" ON "credit_notes" ("tenant_id", "organisation_id", "issue_date");
CREATE UNIQUE INDEX "ix_credit_notes_tenant_id_number" ON "credit_notes" ("tenant_id", "number");
CREATE INDEX "ix_payments_organisation_id" ON "payments" ("organisation_id");
CREATE INDEX "ix_payments_tenant_id_organisation_id_received" ON "payments" ("tenant_id", "organisation_id", "received");
