-- Version 2: attachments on tickets (size, type and content checked by the domain).

CREATE TABLE attachments (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    ticket_id uuid NOT NULL,
    file_name character varying(200) NOT NULL,
    content_type character varying(100) NOT NULL,
    size bigint NOT NULL,
    sha256 character varying(64) NOT NULL,
    content bytea NOT NULL,
    uploaded_by character varying(200) NOT NULL,
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_attachments PRIMARY KEY (id),
    CONSTRAINT fk_attachments_tickets_ticket_id FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE RESTRICT
);

CREATE INDEX ix_attachments_tenant_id_ticket_id ON attachments (tenant_id, ticket_id);
CREATE INDEX ix_attachments_ticket_id ON attachments (ticket_id);
