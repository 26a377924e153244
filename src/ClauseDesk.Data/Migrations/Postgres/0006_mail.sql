-- Version 6: support mailboxes and the messages they received (exactly once per Message-ID), and the outbox's
-- sending state (Message-ID, back-off, last error, given up).

ALTER TABLE outbox ADD COLUMN message_id character varying(300);
ALTER TABLE outbox ADD COLUMN next_attempt_at timestamp with time zone;
ALTER TABLE outbox ADD COLUMN last_error character varying(1000);
ALTER TABLE outbox ADD COLUMN failed_at timestamp with time zone;

CREATE INDEX ix_outbox_tenant_id_message_id ON outbox (tenant_id, message_id);

CREATE TABLE mailboxes (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    name character varying(64) NOT NULL,
    address character varying(320) NOT NULL,
    active boolean NOT NULL,
    imap_host character varying(255),
    imap_port integer NOT NULL,
    imap_security character varying(32) NOT NULL,
    imap_user character varying(320),
    imap_password_sealed character varying(1000),
    imap_folder character varying(200) NOT NULL,
    uid_validity bigint,
    last_uid bigint NOT NULL,
    CONSTRAINT pk_mailboxes PRIMARY KEY (id),
    CONSTRAINT fk_mailboxes_tenants_tenant_id FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_mailboxes_name ON mailboxes (name);
CREATE INDEX ix_mailboxes_tenant_id ON mailboxes (tenant_id);

CREATE TABLE inbound_mails (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    mailbox_id uuid NOT NULL,
    message_id character varying(300) NOT NULL,
    uid bigint,
    "from" character varying(320) NOT NULL,
    subject character varying(300) NOT NULL,
    raw bytea NOT NULL,
    received_at timestamp with time zone NOT NULL,
    outcome character varying(32) NOT NULL,
    reason character varying(1000) NOT NULL,
    ticket_id uuid,
    CONSTRAINT pk_inbound_mails PRIMARY KEY (id),
    CONSTRAINT fk_inbound_mails_mailboxes_mailbox_id FOREIGN KEY (mailbox_id) REFERENCES mailboxes (id) ON DELETE RESTRICT,
    CONSTRAINT fk_inbound_mails_tenants_tenant_id FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_inbound_mails_mailbox_id_message_id ON inbound_mails (mailbox_id, message_id);
CREATE INDEX ix_inbound_mails_tenant_id_message_id ON inbound_mails (tenant_id, message_id);
CREATE INDEX ix_inbound_mails_tenant_id_outcome_received_at ON inbound_mails (tenant_id, outcome, received_at);
