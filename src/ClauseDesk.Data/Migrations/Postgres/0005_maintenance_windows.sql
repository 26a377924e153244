-- Version 5: announced maintenance windows (SPEC §6), excluded from the SLA clocks of the customers they affect.

CREATE TABLE maintenance_windows (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    kind character varying(32) NOT NULL,
    title character varying(200) NOT NULL,
    services character varying(500) NOT NULL,
    description character varying(4000) NOT NULL,
    start timestamp with time zone NOT NULL,
    "end" timestamp with time zone NOT NULL,
    organisations character varying(20000) NOT NULL,
    announced_at timestamp with time zone NOT NULL,
    announced_by character varying(200) NOT NULL,
    cancelled_at timestamp with time zone,
    cancelled_by character varying(200),
    CONSTRAINT pk_maintenance_windows PRIMARY KEY (id),
    CONSTRAINT fk_maintenance_windows_tenants_tenant_id FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE RESTRICT
);

CREATE INDEX ix_maintenance_windows_tenant_id_end ON maintenance_windows (tenant_id, "end");
