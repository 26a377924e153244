-- Version 3: rights of customers' people per contract (seed 000).

CREATE TABLE contract_rights (
    id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    person_id uuid NOT NULL,
    contract_id uuid NOT NULL,
    can_view boolean NOT NULL,
    CONSTRAINT pk_contract_rights PRIMARY KEY (id),
    CONSTRAINT fk_contract_rights_contracts_contract_id FOREIGN KEY (contract_id) REFERENCES contracts (id) ON DELETE CASCADE,
    CONSTRAINT fk_contract_rights_people_person_id FOREIGN KEY (person_id) REFERENCES people (id) ON DELETE CASCADE
);

CREATE INDEX ix_contract_rights_contract_id ON contract_rights (contract_id);
CREATE UNIQUE INDEX ix_contract_rights_person_id_contract_id ON contract_rights (person_id, contract_id);
CREATE INDEX ix_contract_rights_tenant_id_contract_id ON contract_rights (tenant_id, contract_id);
