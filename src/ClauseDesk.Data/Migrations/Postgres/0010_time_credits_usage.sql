-- Version 10: contract billing settings, time entries on tickets, the support-credit ledger, metered volume
-- (volume changes, units counted once, overage settled once per contract year).

CREATE TABLE contract_billing (
    contract_id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    hourly_rate numeric(18,2),
    surcharges character varying(32) NOT NULL,
    reading character varying(32) NOT NULL,
    working_hours character varying(64) NOT NULL,
    per_km numeric(18,2) NOT NULL,
    on_site_minimum_minutes integer NOT NULL,
    pays_from_credits boolean NOT NULL,
    credit_price numeric(18,2) NOT NULL,
    beyond_credits character varying(32) NOT NULL,
    volume_unit character varying(100),
    volume_states character varying(2000),
    counting_state character varying(100),
    price_per_extra_unit numeric(18,2),
    turn bigint NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_contract_billing PRIMARY KEY (contract_id),
    CONSTRAINT fk_contract_billing_contracts_contract_id FOREIGN KEY (contract_id) REFERENCES contracts (id) ON DELETE RESTRICT
);

CREATE INDEX ix_contract_billing_tenant_id ON contract_billing (tenant_id);

CREATE TABLE time_entries (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    ticket_id uuid NOT NULL,
    contract_id uuid NOT NULL,
    start timestamp with time zone NOT NULL,
    "end" timestamp with time zone NOT NULL,
    place character varying(32) NOT NULL,
    travel_km numeric(18,2) NOT NULL,
    minutes integer NOT NULL,
    note character varying(2000) NOT NULL,
    payment character varying(32) NOT NULL,
    total numeric(18,2) NOT NULL,
    pricing_json text NOT NULL,
    recorded_by character varying(200) NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_time_entries PRIMARY KEY (id),
    CONSTRAINT fk_time_entries_tickets_ticket_id FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE RESTRICT
);

CREATE INDEX ix_time_entries_tenant_id_contract_id_start ON time_entries (tenant_id, contract_id, start);
CREATE INDEX ix_time_entries_tenant_id_ticket_id_start ON time_entries (tenant_id, ticket_id, start);
CREATE INDEX ix_time_entries_ticket_id ON time_entries (ticket_id);

CREATE TABLE credit_lines (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    contract_id uuid NOT NULL,
    sequence integer NOT NULL,
    kind character varying(32) NOT NULL,
    at timestamp with time zone NOT NULL,
    quarter_hours integer NOT NULL,
    amount numeric(18,2) NOT NULL,
    reference character varying(200) NOT NULL,
    balance_after integer NOT NULL,
    time_entry_id uuid,
    working_json text NOT NULL,
    CONSTRAINT pk_credit_lines PRIMARY KEY (id),
    CONSTRAINT fk_credit_lines_contracts_contract_id FOREIGN KEY (contract_id) REFERENCES contracts (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_credit_lines_contract_id_sequence ON credit_lines (contract_id, sequence);
CREATE INDEX ix_credit_lines_tenant_id_contract_id ON credit_lines (tenant_id, contract_id);

CREATE TABLE volume_changes (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    contract_id uuid NOT NULL,
    sequence integer NOT NULL,
    kind character varying(16) NOT NULL,
    volume integer NOT NULL,
    asked_on date NOT NULL,
    from_year integer NOT NULL,
    working_json text NOT NULL,
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_volume_changes PRIMARY KEY (id),
    CONSTRAINT fk_volume_changes_contracts_contract_id FOREIGN KEY (contract_id) REFERENCES contracts (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_volume_changes_contract_id_sequence ON volume_changes (contract_id, sequence);
CREATE INDEX ix_volume_changes_tenant_id_contract_id ON volume_changes (tenant_id, contract_id);

CREATE TABLE usage_units (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    contract_id uuid NOT NULL,
    unit_id character varying(200) NOT NULL,
    state character varying(100) NOT NULL,
    counted_on date NOT NULL,
    contract_year integer NOT NULL,
    ordinal integer NOT NULL,
    warned_volume integer,
    recorded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_usage_units PRIMARY KEY (id),
    CONSTRAINT fk_usage_units_contracts_contract_id FOREIGN KEY (contract_id) REFERENCES contracts (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_usage_units_contract_id_contract_year_ordinal ON usage_units (contract_id, contract_year, ordinal);
CREATE UNIQUE INDEX ix_usage_units_contract_id_unit_id ON usage_units (contract_id, unit_id);
CREATE INDEX ix_usage_units_tenant_id_contract_id ON usage_units (tenant_id, contract_id);

CREATE TABLE usage_settlements (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    contract_id uuid NOT NULL,
    contract_year integer NOT NULL,
    units integer NOT NULL,
    amount numeric(18,2) NOT NULL,
    invoice_number character varying(30) NOT NULL,
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_usage_settlements PRIMARY KEY (id),
    CONSTRAINT fk_usage_settlements_contracts_contract_id FOREIGN KEY (contract_id) REFERENCES contracts (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_usage_settlements_contract_id_contract_year ON usage_settlements (contract_id, contract_year);
CREATE INDEX ix_usage_settlements_tenant_id_contract_id ON usage_settlements (tenant_id, contract_id);
