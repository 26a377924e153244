-- Version 8: a contract's term (start, months, renewal clause, indexation day) and the day renewal was stopped.

ALTER TABLE "contracts" ADD COLUMN "start_date" TEXT NULL;
ALTER TABLE "contracts" ADD COLUMN "term_months" INTEGER NULL;
ALTER TABLE "contracts" ADD COLUMN "renewal_clause_name" TEXT NULL;
ALTER TABLE "contracts" ADD COLUMN "indexation" TEXT NOT NULL DEFAULT 'Anniversary';
ALTER TABLE "contracts" ADD COLUMN "renewal_stopped_on" TEXT NULL;
