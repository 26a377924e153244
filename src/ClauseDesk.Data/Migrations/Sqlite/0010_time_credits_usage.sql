-- Version 10: contract billing settings, time entries on tickets, the support-credit ledger, metered volume
-- (volume changes, units counted once, overage settled once per contract year).

CREATE TABLE "contract_billing" (
    "contract_id" TEXT NOT NULL CONSTRAINT "pk_contract_billing" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "hourly_rate" TEXT NULL,
    "surcharges" TEXT NOT NULL,
    "reading" TEXT NOT NULL,
    "working_hours" TEXT NOT NULL,
    "per_km" TEXT NOT NULL,
    "on_site_minimum_minutes" INTEGER NOT NULL,
    "pays_from_credits" INTEGER NOT NULL,
    "credit_price" TEXT NOT NULL,
    "beyond_credits" TEXT NOT NULL,
    "volume_unit" TEXT NULL,
    "volume_states" TEXT NULL,
    "counting_state" TEXT NULL,
    "price_per_extra_unit" TEXT NULL,
    "turn" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    CONSTRAINT "fk_contract_billing_contracts_contract_id" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_contract_billing_tenant_id" ON "contract_billing" ("tenant_id");

CREATE TABLE "time_entries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_time_entries" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "ticket_id" TEXT NOT NULL,
    "contract_id" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "place" TEXT NOT NULL,
    "travel_km" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "payment" TEXT NOT NULL,
    "total" TEXT NOT NULL,
    "pricing_json" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" INTEGER NOT NULL,
    CONSTRAINT "fk_time_entries_tickets_ticket_id" FOREIGN KEY ("ticket_id") REFERENCES "tickets" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_time_entries_tenant_id_contract_id_start" ON "time_entries" ("tenant_id", "contract_id", "start");
CREATE INDEX "ix_time_entries_tenant_id_ticket_id_start" ON "time_entries" ("tenant_id", "ticket_id", "start");
CREATE INDEX "ix_time_entries_ticket_id" ON "time_entries" ("ticket_id");

CREATE TABLE "credit_lines" (
    "id" TEXT NOT NULL CONSTRAINT "pk_credit_lines" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "contract_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "at" INTEGER NOT NULL,
    "quarter_hours" INTEGER NOT NULL,
    "amount" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "balance_after" INTEGER NOT NULL,
    "time_entry_id" TEXT NULL,
    "working_json" TEXT NOT NULL,
    CONSTRAINT "fk_credit_lines_contracts_contract_id" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "ix_credit_lines_contract_id_sequence" ON "credit_lines" ("contract_id", "sequence");
CREATE INDEX "ix_credit_lines_tenant_id_contract_id" ON "credit_lines" ("tenant_id", "contract_id");

CREATE TABLE "volume_changes" (
    "id" TEXT NOT NULL CONSTRAINT "pk_volume_changes" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "contract_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "volume" INTEGER NOT NULL,
    "asked_on" TEXT NOT NULL,
    "from_year" INTEGER NOT NULL,
    "working_json" TEXT NOT NULL,
    "at" INTEGER NOT NULL,
    CONSTRAINT "fk_volume_changes_contracts_contract_id" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "ix_volume_changes_contract_id_sequence" ON "volume_changes" ("contract_id", "sequence");
CREATE INDEX "ix_volume_changes_tenant_id_contract_id" ON "volume_changes" ("tenant_id", "contract_id");

CREATE TABLE "usage_units" (
    "id" TEXT NOT NULL CONSTRAINT "pk_usage_units" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "contract_id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "counted_on" TEXT NOT NULL,
    "contract_year" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "warned_volume" INTEGER NULL,
    "recorded_at" INTEGER NOT NULL,
    CONSTRAINT "fk_usage_units_contracts_contract_id" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "ix_usage_units_contract_id_contract_year_ordinal" ON "usage_units" ("contract_id", "contract_year", "ordinal");
CREATE UNIQUE INDEX "ix_usage_units_contract_id_unit_id" ON "usage_units" ("contract_id", "unit_id");
CREATE INDEX "ix_usage_units_tenant_id_contract_id" ON "usage_units" ("tenant_id", "contract_id");

CREATE TABLE "usage_settlements" (
    "id" TEXT NOT NULL CONSTRAINT "pk_usage_settlements" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "contract_id" TEXT NOT NULL,
    "contract_year" INTEGER NOT NULL,
    "units" INTEGER NOT NULL,
    "amount" TEXT NOT NULL,
    "invoice_number" TEXT NOT NULL,
    "at" INTEGER NOT NULL,
    CONSTRAINT "fk_usage_settlements_contracts_contract_id" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "ix_usage_settlements_contract_id_contract_year" ON "usage_settlements" ("contract_id", "contract_year");
CREATE INDEX "ix_usage_settlements_tenant_id_contract_id" ON "usage_settlements" ("tenant_id", "contract_id");
