-- Version 14: the dated history of a contract's monthly service-level fee (set at creation, changed by an
-- indexation applied or a fee change), so that a month's penalty takes the fee in force in that month.
-- JSON, oldest first; NULL for contracts made before: their current fee holds for every month.

ALTER TABLE contracts ADD COLUMN fee_history_json text NULL;

-- The invoice each support-credit overage line was invoiced on; NULL while it is still to invoice.
ALTER TABLE credit_lines ADD COLUMN invoice_number text NULL;
