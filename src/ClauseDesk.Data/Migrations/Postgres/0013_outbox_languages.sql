-- Version 13: the outbox keeps each notice as rendered in the recipient's language: its HTML body next to
-- the plain text, the language, and the Message-ID a mail outside a ticket answers. Older rows keep
-- NULL and are sent as plain text.

ALTER TABLE outbox ADD COLUMN html_body text;
ALTER TABLE outbox ADD COLUMN language character varying(8);
ALTER TABLE outbox ADD COLUMN in_reply_to character varying(300);
