-- Version 15: one number that changes with every write to what a request looks up on its way in (API
-- tokens, people, providers, contracts, maintenance windows), in the same transaction as the write.
-- A server keeps those rows in memory and trusts them only while the number is unchanged, so a
-- revoked token or a changed contract stops being used at once, even when another server wrote it.

CREATE TABLE read_stamps (
    id integer NOT NULL,
    value bigint NOT NULL,
    CONSTRAINT pk_read_stamps PRIMARY KEY (id)
);

INSERT INTO read_stamps (id, value) VALUES (1, 0);

CREATE FUNCTION bump_read_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE read_stamps SET value = value + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER read_stamp_api_tokens AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_tokens FOR EACH STATEMENT EXECUTE FUNCTION bump_read_stamp();
CREATE TRIGGER read_stamp_people AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON people FOR EACH STATEMENT EXECUTE FUNCTION bump_read_stamp();
CREATE TRIGGER read_stamp_tenants AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tenants FOR EACH STATEMENT EXECUTE FUNCTION bump_read_stamp();
CREATE TRIGGER read_stamp_contracts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON contracts FOR EACH STATEMENT EXECUTE FUNCTION bump_read_stamp();
CREATE TRIGGER read_stamp_maintenance_windows AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON maintenance_windows FOR EACH STATEMENT EXECUTE FUNCTION bump_read_stamp();
