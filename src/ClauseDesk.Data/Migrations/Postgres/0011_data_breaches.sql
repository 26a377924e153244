-- Version 11: the data-breach register (SPEC §7): each breach, and per affected customer when and to whom it was notified (seed 004 §12.9).

CREATE TABLE data_breaches (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    discovered_at timestamp with time zone NOT NULL,
    nature character varying(4000) NOT NULL,
    data_categories character varying(1000) NOT NULL,
    subject_categories character varying(1000) NOT NULL,
    approximate_subjects integer,
    approximate_records integer,
    measures character varying(4000) NOT NULL,
    recorded_by character varying(200) NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_data_breaches PRIMARY KEY (id),
    CONSTRAINT fk_data_breaches_tenants_tenant_id FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE RESTRICT
);

CREATE TABLE data_breach_notices (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    breach_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    notified_at timestamp with time zone,
    notified_to character varying(1000),
    notified_by character varying(200),
    CONSTRAINT pk_data_breach_notices PRIMARY KEY (id),
    CONSTRAINT fk_data_breach_notices_data_breaches_breach_id FOREIGN KEY (breach_id) REFERENCES data_breaches (id) ON DELETE RESTRICT,
    CONSTRAINT fk_data_breach_notices_organisations_organisation_id FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE RESTRICT
);

CREATE INDEX ix_data_breaches_tenant_id_discovered_at ON data_breaches (tenant_id, discovered_at);

CREATE UNIQUE INDEX ix_data_breach_notices_breach_id_organisation_id ON data_breach_notices (breach_id, organisation_id);

CREATE INDEX ix_data_breach_notices_organisation_id ON data_breach_notices (organisation_id);
