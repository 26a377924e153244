-- Version 7: invoicing details of the provider and its customers, and issued invoices kept as issued.

ALTER TABLE tenants ADD COLUMN billing_json text;
ALTER TABLE organisations ADD COLUMN billing_json text;

CREATE TABLE invoices (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    number character varying(30) NOT NULL,
    issue_date date NOT NULL,
    due_date date NOT NULL,
    tax_inclusive numeric(18,2) NOT NULL,
    payable numeric(18,2) NOT NULL,
    payment_reference character varying(30) NOT NULL,
    document_json text NOT NULL,
    issued_by character varying(200) NOT NULL,
    issued_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_invoices PRIMARY KEY (id),
    CONSTRAINT fk_invoices_organisations_organisation_id FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE RESTRICT,
    CONSTRAINT fk_invoices_tenants_tenant_id FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE RESTRICT
);

CREATE INDEX ix_invoices_organisation_id ON invoices (organisation_id);
CREATE UNIQUE INDEX ix_invoices_tenant_id_number ON invoices (tenant_id, number);
CREATE INDEX ix_invoices_tenant_id_organisation_id_issue_date ON invoices (tenant_id, organisation_id, issue_date);
