-- Version 12: index series, indexation clauses and the indexations applied, suspensions after a formal notice, and the record of each data purge.

CREATE TABLE "index_values" (
    "tenant_id" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "imported_at" INTEGER NOT NULL,
    CONSTRAINT "pk_index_values" PRIMARY KEY ("tenant_id", "series", "month")
);

CREATE TABLE "contract_suspensions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_contract_suspensions" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "contract_id" TEXT NOT NULL,
    "notice_sent_on" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" INTEGER NOT NULL,
    "suspended_on" TEXT NULL,
    "reactivated_on" TEXT NULL,
    "reactivation_fee" TEXT NULL,
    CONSTRAINT "fk_contract_suspensions_contracts_contract_id" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id") ON DELETE RESTRICT
);

CREATE TABLE "data_purges" (
    "id" TEXT NOT NULL CONSTRAINT "pk_data_purges" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "contract_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "due_on" TEXT NOT NULL,
    "ran_at" INTEGER NOT NULL,
    "removed_json" TEXT NOT NULL,
    CONSTRAINT "fk_data_purges_contracts_contract_id" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id") ON DELETE RESTRICT
);

CREATE TABLE "indexation_clauses" (
    "contract_id" TEXT NOT NULL CONSTRAINT "pk_indexation_clauses" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "formula" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "base_month" TEXT NOT NULL,
    "base_index" TEXT NOT NULL,
    "base_price" TEXT NOT NULL,
    "set_by" TEXT NOT NULL,
    "set_at" INTEGER NOT NULL,
    CONSTRAINT "fk_indexation_clauses_contracts_contract_id" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id") ON DELETE RESTRICT
);

CREATE TABLE "indexations_applied" (
    "id" TEXT NOT NULL CONSTRAINT "pk_indexations_applied" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "contract_id" TEXT NOT NULL,
    "indexation_day" TEXT NOT NULL,
    "price" TEXT NOT NULL,
    "previous_fee" TEXT NULL,
    "working_json" TEXT NOT NULL,
    "applied_by" TEXT NOT NULL,
    "applied_at" INTEGER NOT NULL,
    CONSTRAINT "fk_indexations_applied_contracts_contract_id" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_contract_suspensions_contract_id" ON "contract_suspensions" ("contract_id");

CREATE INDEX "ix_contract_suspensions_tenant_id_contract_id_notice_sent_on" ON "contract_suspensions" ("tenant_id", "contract_id", "notice_sent_on");

CREATE UNIQUE INDEX "ix_data_purges_contract_id" ON "data_purges" ("contract_id");

CREATE INDEX "ix_data_purges_tenant_id_organisation_id" ON "data_purges" ("tenant_id", "organisation_id");

CREATE INDEX "ix_indexation_clauses_tenant_id" ON "indexation_clauses" ("tenant_id");

CREATE INDEX "ix_indexations_applied_contract_id" ON "indexations_applied" ("contract_id");

CREATE UNIQUE INDEX "ix_indexations_applied_tenant_id_contract_id_indexation_day" ON "indexations_applied" ("tenant_id", "contract_id", "indexation_day");
