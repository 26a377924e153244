-- Version 8: a contract's term (start, months, renewal clause, indexation day) and the day renewal was stopped.

ALTER TABLE contracts ADD COLUMN start_date date;
ALTER TABLE contracts ADD COLUMN term_months integer;
ALTER TABLE contracts ADD COLUMN renewal_clause_name character varying(64);
ALTER TABLE contracts ADD COLUMN indexation character varying(32) NOT NULL DEFAULT 'Anniversary';
ALTER TABLE contracts ADD COLUMN renewal_stopped_on date;
