-- Version 12: index series, indexation clauses and the indexations applied, suspensions after a formal notice, and the record of each data purge.

CREATE TABLE index_values (
    tenant_id uuid NOT NULL,
    series character varying(64) NOT NULL,
    month date NOT NULL,
    value numeric(18,6) NOT NULL,
    imported_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_index_values PRIMARY KEY (tenant_id, series, month)
);

CREATE TABLE contract_suspensions (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    contract_id uuid NOT NULL,
    notice_sent_on date NOT NULL,
    recorded_by character varying(200) NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    suspended_on date,
    reactivated_on date,
    reactivation_fee numeric(18,2),
    CONSTRAINT pk_contract_suspensions PRIMARY KEY (id),
    CONSTRAINT fk_contract_suspensions_contracts_contract_id FOREIGN KEY (contract_id) REFERENCES contracts (id) ON DELETE RESTRICT
);

CREATE TABLE data_purges (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    contract_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    due_on date NOT NULL,
    ran_at timestamp with time zone NOT NULL,
    removed_json text NOT NULL,
    CONSTRAINT pk_data_purges PRIMARY KEY (id),
    CONSTRAINT fk_data_purges_contracts_contract_id FOREIGN KEY (contract_id) REFERENCES contracts (id) ON DELETE RESTRICT
);

CREATE TABLE indexation_clauses (
    contract_id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    formula character varying(32) NOT NULL,
    series character varying(64) NOT NULL,
    base_month date NOT NULL,
    base_index numeric(18,6) NOT NULL,
    base_price numeric(18,2) NOT NULL,
    set_by character varying(200) NOT NULL,
    set_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_indexation_clauses PRIMARY KEY (contract_id),
    CONSTRAINT fk_indexation_clauses_contracts_contract_id FOREIGN KEY (contract_id) REFERENCES contracts (id) ON DELETE RESTRICT
);

CREATE TABLE indexations_applied (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    contract_id uuid NOT NULL,
    indexation_day date NOT NULL,
    price numeric(18,2) NOT NULL,
    previous_fee numeric(18,2),
    working_json text NOT NULL,
    applied_by character varying(200) NOT NULL,
    applied_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_indexations_applied PRIMARY KEY (id),
    CONSTRAINT fk_indexations_applied_contracts_contract_id FOREIGN KEY (contract_id) REFERENCES contracts (id) ON DELETE RESTRICT
);

CREATE INDEX ix_contract_suspensions_contract_id ON contract_suspensions (contract_id);

CREATE INDEX ix_contract_suspensions_tenant_id_contract_id_notice_sent_on ON contract_suspensions (tenant_id, contract_id, notice_sent_on);

CREATE UNIQUE INDEX ix_data_purges_contract_id ON data_purges (contract_id);

CREATE INDEX ix_data_purges_tenant_id_organisation_id ON data_purges (tenant_id, organisation_id);

CREATE INDEX ix_indexation_clauses_tenant_id ON indexation_clauses (tenant_id);

CREATE INDEX ix_indexations_applied_contract_id ON indexations_applied (contract_id);

CREATE UNIQUE INDEX ix_indexations_applied_tenant_id_contract_id_indexation_day ON indexations_applied (tenant_id, contract_id, indexation_day);
