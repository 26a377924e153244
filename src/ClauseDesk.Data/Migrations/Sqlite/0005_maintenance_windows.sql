-- Version 5: announced maintenance windows (SPEC §6), excluded from the SLA clocks of the customers they affect.

CREATE TABLE "maintenance_windows" (
    "id" TEXT NOT NULL CONSTRAINT "pk_maintenance_windows" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "services" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "organisations" TEXT NOT NULL,
    "announced_at" INTEGER NOT NULL,
    "announced_by" TEXT NOT NULL,
    "cancelled_at" INTEGER NULL,
    "cancelled_by" TEXT NULL,
    CONSTRAINT "fk_maintenance_windows_tenants_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_maintenance_windows_tenant_id_end" ON "maintenance_windows" ("tenant_id", "end");
