-- ClauseDesk schema, version 1: tenants, people, contracts, tickets with their SLA clock, messages, audit, outbox, tokens, idempotency, leases.
-- Generated from the EF Core model once, then kept by hand: later versions are new files, never edits of this one.

CREATE TABLE "audit_entries" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_audit_entries" PRIMARY KEY AUTOINCREMENT,
    "tenant_id" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "at" INTEGER NOT NULL,
    "before" TEXT NULL,
    "after" TEXT NULL,
    "previous_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

CREATE TABLE "idempotency_records" (
    "tenant_id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status_code" INTEGER NOT NULL,
    "location" TEXT NOT NULL,
    "response_body" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "pk_idempotency_records" PRIMARY KEY ("tenant_id", "person_id", "key")
);

CREATE TABLE "job_leases" (
    "name" TEXT NOT NULL CONSTRAINT "pk_job_leases" PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expires_at" INTEGER NOT NULL
);

CREATE TABLE "outbox" (
    "id" TEXT NOT NULL CONSTRAINT "pk_outbox" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "dedup_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ticket_id" TEXT NULL,
    "audience" TEXT NOT NULL,
    "recipients" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "sent_at" INTEGER NULL,
    "attempts" INTEGER NOT NULL
);

CREATE TABLE "tenants" (
    "id" TEXT NOT NULL CONSTRAINT "pk_tenants" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "ticket_prefix" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL
);

CREATE TABLE "ticket_counters" (
    "tenant_key" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last_value" INTEGER NOT NULL,
    CONSTRAINT "pk_ticket_counters" PRIMARY KEY ("tenant_key", "year")
);

CREATE TABLE "organisations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_organisations" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "vat_number" TEXT NULL,
    CONSTRAINT "fk_organisations_tenants_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE RESTRICT
);

CREATE TABLE "contracts" (
    "id" TEXT NOT NULL CONSTRAINT "pk_contracts" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sla_preset" TEXT NOT NULL,
    "calendar_json" TEXT NULL,
    "targets_json" TEXT NULL,
    "supplier_resume" TEXT NOT NULL,
    "monthly_fee" TEXT NULL,
    "auto_close_working_days" INTEGER NULL,
    "only_contact_persons_may_open" INTEGER NOT NULL,
    "incident_report_rule" TEXT NOT NULL,
    "complaint_report_days" INTEGER NULL,
    "service_manager_id" TEXT NULL,
    "tier2_contacts" TEXT NOT NULL,
    "tier3_contacts" TEXT NOT NULL,
    "active" INTEGER NOT NULL,
    CONSTRAINT "fk_contracts_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_contracts_tenants_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE RESTRICT
);

CREATE TABLE "people" (
    "id" TEXT NOT NULL CONSTRAINT "pk_people" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "organisation_id" TEXT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "agent_line" TEXT NULL,
    "password_hash" TEXT NULL,
    "failed_sign_ins" INTEGER NOT NULL,
    "locked_until" INTEGER NULL,
    "active" INTEGER NOT NULL,
    CONSTRAINT "fk_people_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_people_tenants_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE RESTRICT
);

CREATE TABLE "api_tokens" (
    "id" TEXT NOT NULL CONSTRAINT "pk_api_tokens" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "expires_at" INTEGER NULL,
    "revoked_at" INTEGER NULL,
    CONSTRAINT "fk_api_tokens_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE RESTRICT
);

CREATE TABLE "tickets" (
    "id" TEXT NOT NULL CONSTRAINT "pk_tickets" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "contract_id" TEXT NOT NULL,
    "requester_id" TEXT NOT NULL,
    "assignee_id" TEXT NULL,
    "subject" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "bug_report_company_or_database" TEXT NULL,
    "bug_report_affected_user" TEXT NULL,
    "bug_report_other_users_affected" INTEGER NULL,
    "bug_report_steps_to_reproduce" TEXT NULL,
    "urgency" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "line" TEXT NOT NULL,
    "closing_reason" TEXT NULL,
    "proposed_closing_reason" TEXT NULL,
    "submitted_at" INTEGER NOT NULL,
    "occurred_at" INTEGER NULL,
    "updated_at" INTEGER NOT NULL,
    "closed_at" INTEGER NULL,
    "awaiting_customer_since" INTEGER NULL,
    "written_confirmation_requested" INTEGER NOT NULL,
    "late_report" TEXT NULL,
    "paused_for" TEXT NULL,
    "next_due_at" INTEGER NULL,
    "breached" INTEGER NOT NULL,
    "escalation_tier" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_tickets_contracts_contract_id" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_tickets_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_tickets_people_requester_id" FOREIGN KEY ("requester_id") REFERENCES "people" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_tickets_tenants_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE RESTRICT
);

CREATE TABLE "ticket_clock" (
    "sequence" INTEGER NOT NULL,
    "ticket_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" INTEGER NOT NULL,
    "actor" TEXT NOT NULL,
    "priority" TEXT NULL,
    "reason" TEXT NULL,
    "note" TEXT NULL,
    CONSTRAINT "pk_ticket_clock" PRIMARY KEY ("ticket_id", "sequence"),
    CONSTRAINT "fk_ticket_clock_tickets_ticket_id" FOREIGN KEY ("ticket_id") REFERENCES "tickets" ("id") ON DELETE CASCADE
);

CREATE TABLE "ticket_messages" (
    "id" TEXT NOT NULL CONSTRAINT "pk_ticket_messages" PRIMARY KEY,
    "tenant_id" TEXT NOT NULL,
    "ticket_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "author_name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "is_internal" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "at" INTEGER NOT NULL,
    CONSTRAINT "fk_ticket_messages_tickets_ticket_id" FOREIGN KEY ("ticket_id") REFERENCES "tickets" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_api_tokens_person_id" ON "api_tokens" ("person_id");

CREATE INDEX "ix_api_tokens_tenant_id_person_id" ON "api_tokens" ("tenant_id", "person_id");

CREATE UNIQUE INDEX "ix_audit_entries_tenant_id_entity_type_entity_id_sequence" ON "audit_entries" ("tenant_id", "entity_type", "entity_id", "sequence");

CREATE INDEX "ix_contracts_organisation_id" ON "contracts" ("organisation_id");

CREATE INDEX "ix_contracts_tenant_id_organisation_id" ON "contracts" ("tenant_id", "organisation_id");

CREATE INDEX "ix_organisations_tenant_id_name" ON "organisations" ("tenant_id", "name");

CREATE INDEX "ix_outbox_sent_at_created_at" ON "outbox" ("sent_at", "created_at");

CREATE UNIQUE INDEX "ix_outbox_tenant_id_dedup_key" ON "outbox" ("tenant_id", "dedup_key");

CREATE INDEX "ix_people_organisation_id" ON "people" ("organisation_id");

CREATE UNIQUE INDEX "ix_people_tenant_id_email" ON "people" ("tenant_id", "email");

CREATE INDEX "ix_people_tenant_id_organisation_id" ON "people" ("tenant_id", "organisation_id");

CREATE INDEX "ix_ticket_messages_tenant_id_ticket_id_at" ON "ticket_messages" ("tenant_id", "ticket_id", "at");

CREATE INDEX "ix_ticket_messages_ticket_id" ON "ticket_messages" ("ticket_id");

CREATE INDEX "ix_tickets_contract_id" ON "tickets" ("contract_id");

CREATE INDEX "ix_tickets_organisation_id" ON "tickets" ("organisation_id");

CREATE INDEX "ix_tickets_requester_id" ON "tickets" ("requester_id");

CREATE UNIQUE INDEX "ix_tickets_tenant_id_number" ON "tickets" ("tenant_id", "number");

CREATE INDEX "ix_tickets_tenant_id_organisation_id_status" ON "tickets" ("tenant_id", "organisation_id", "status");

CREATE INDEX "ix_tickets_tenant_id_status_next_due_at" ON "tickets" ("tenant_id", "status", "next_due_at");

