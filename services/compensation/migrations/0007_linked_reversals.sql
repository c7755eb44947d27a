-- A cancellation or refund may name the deal it reverses (same source system). A run settles
-- such a reversal of a deal dated in an earlier period as a clawback at the rate that period
-- paid, instead of counting it in its own period's measures (docs/compensation.md,
-- "Clawbacks"). NULL: not linked (counts in its own period, as before).
ALTER TABLE transactions ADD COLUMN original_transaction_id TEXT COLLATE "C";
