-- Version 15: one number that changes with every write to what a request looks up on its way in (API
-- tokens, people, providers, contracts, maintenance windows), in the same transaction as the write.
-- A server keeps those rows in memory and trusts them only while the number is unchanged, so a
-- revoked token or a changed contract stops being used at once, even when another server wrote it.

CREATE TABLE "read_stamps" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_read_stamps" PRIMARY KEY,
    "value" INTEGER NOT NULL
);

INSERT INTO "read_stamps" ("id", "value") VALUES (1, 0);

CREATE TRIGGER "read_stamp_api_tokens_insert" AFTER INSERT ON "api_tokens" BEGIN UPDATE "read_stamps" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "read_stamp_api_tokens_update" AFTER UPDATE ON "api_tokens" BEGIN UPDATE "read_stamps" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "read_stamp_api_tokens_delete" AFTER DELETE ON "api_tokens" BEGIN UPDATE "read_stamps" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "read_stamp_people_insert" AFTER INSERT ON "people" BEGIN UPDATE "read_stamps" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "read_stamp_people_update" AFTER UPDATE ON "people" BEGIN UPDATE "read_stamps" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "read_stamp_people_delete" AFTER DELETE ON "people" BEGIN UPDATE "read_stamps" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "read_stamp_tenants_insert" AFTER INSERT ON "tenants" BEGIN UPDATE "read_stamps" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "read_stamp_tenants_update" AFTER UPDATE ON "tenants" BEGIN UPDATE "read_stamps" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "read_stamp_tenants_delete" AFTER DELETE ON "tenants" BEGIN UPDATE "read_stamps" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "read_stamp_contracts_insert" AFTER INSERT ON "contracts" BEGIN UPDATE "read_stamps" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "read_stamp_contracts_update" AFTER UPDATE ON "contracts" BEGIN UPDATE "read_stamps" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "read_stamp_contracts_delete" AFTER DELETE ON "contracts" BEGIN UPDATE "read_stamps" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "read_stamp_maintenance_windows_insert" AFTER INSERT ON "maintenance_windows" BEGIN UPDATE "read_stamps" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "read_stamp_maintenance_windows_update" AFTER UPDATE ON "maintenance_windows" BEGIN UPDATE "read_stamps" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "read_stamp_maintenance_windows_delete" AFTER DELETE ON "maintenance_windows" BEGIN UPDATE "read_stamps" SET "value" = "value" + 1 WHERE "id" = 1; END;
