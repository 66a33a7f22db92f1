-- Chains 17–48 for audit rows appended on their own after a read, in one statement with the
-- head's move (appendAuditNow), apart from chains 1–16 whose heads are held through a
-- change's transaction (docs/decisions/0004-audit-trail.md).
INSERT INTO audit_chain_head (id, seq, hash) SELECT g, 0, repeat('0', 64) FROM generate_series(17, 48) AS g;
