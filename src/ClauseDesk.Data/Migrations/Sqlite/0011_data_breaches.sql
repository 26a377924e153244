-- Version 11: the data-breach register (SPEC §7): each breach, and per affected customer when and to whom it was notified (seed 004 §12.9).

CREATE TABLE "data_breaches" (
    "id" TEXT NOT NULL CONSTRAINT "pk_data_breaches" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "discovered_at" INTEGER NOT NULL,
    "nature" TEXT NOT NULL,
    "data_categories" TEXT NOT NULL,
    "subject_categories" TEXT NOT NULL,
    "approximate_subjects" INTEGER NULL,
    "approximate_records" INTEGER NULL,
    "measures" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" INTEGER NOT NULL,
    CONSTRAINT "fk_data_breaches_tenants_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE RESTRICT
);

CREATE TABLE "data_breach_notices" (
    "id" TEXT NOT NULL CONSTRAINT "pk_data_breach_notices" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "breach_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "notified_at" INTEGER NULL,
    "notified_to" TEXT NULL,
    "notified_by" TEXT NULL,
    CONSTRAINT "fk_data_breach_notices_data_breaches_breach_id" FOREIGN KEY ("breach_id") REFERENCES "data_breaches" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_data_breach_notices_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_data_breaches_tenant_id_discovered_at" ON "data_breaches" ("tenant_id", "discovered_at");

CREATE UNIQUE INDEX "ix_data_breach_notices_breach_id_organisation_id" ON "data_breach_notices" ("breach_id", "organisation_id");

CREATE INDEX "ix_data_breach_notices_organisation_id" ON "data_breach_notices" ("organisation_id");
