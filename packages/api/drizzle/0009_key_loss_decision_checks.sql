-- What the database itself refuses, whatever the code does: an unknown decision, a negative cost,
-- and a lock-change date for a decision that changes no locks.
ALTER TABLE "key_loss_decisions" ADD CONSTRAINT "key_loss_decisions_decision_check"
  CHECK (decision IN ('rekey', 'accept_risk'));
ALTER TABLE "key_loss_decisions" ADD CONSTRAINT "key_loss_decisions_cost_check"
  CHECK (cost_cents IS NULL OR cost_cents >= 0);
ALTER TABLE "key_loss_decisions" ADD CONSTRAINT "key_loss_decisions_locks_check"
  CHECK (locks_changed_on IS NULL OR decision = 'rekey');
