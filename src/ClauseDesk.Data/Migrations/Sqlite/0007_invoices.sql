-- Version 7: invoicing details of the provider and its customers, and issued invoices kept as issued.

ALTER TABLE "tenants" ADD COLUMN "billing_json" TEXT NULL;
ALTER TABLE "organisations" ADD COLUMN "billing_json" TEXT NULL;

CREATE TABLE "invoices" (
    "id" TEXT NOT NULL CONSTRAINT "pk_invoices" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "issue_date" TEXT NOT NULL,
    "due_date" TEXT NOT NULL,
    "tax_inclusive" TEXT NOT NULL,
    "payable" TEXT NOT NULL,
    "payment_reference" TEXT NOT NULL,
    "document_json" TEXT NOT NULL,
    "issued_by" TEXT NOT NULL,
    "issued_at" INTEGER NOT NULL,
    CONSTRAINT "fk_invoices_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_invoices_tenants_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_invoices_organisation_id" ON "invoices" ("organisation_id");
CREATE UNIQUE INDEX "ix_invoices_tenant_id_number" ON "invoices" ("tenant_id", "number");
CREATE INDEX "ix_invoices_tenant_id_organisation_id_issue_date" ON "invoices" ("tenant_id", "organisation_id", "issue_date");
