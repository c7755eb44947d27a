-- The period lifecycle: OPEN (no row) -> CALCULATED -> APPROVED -> LOCKED, with every move
-- recorded. A LOCKED period is final: the trigger refuses any change to its row, so no code
-- path (a run, a reopen, a manual UPDATE) can replace its published results.

ALTER TABLE calc_periods
  ADD COLUMN status TEXT NOT NULL DEFAULT 'CALCULATED'
    CHECK (status IN ('CALCULATED', 'APPROVED', 'LOCKED'));

CREATE TABLE period_transitions (
  transition_id BIGSERIAL PRIMARY KEY,
  period        TEXT NOT NULL REFERENCES calc_periods (period),
  from_status   TEXT NOT NULL CHECK (from_status IN ('OPEN', 'CALCULATED', 'APPROVED', 'LOCKED')),
  to_status     TEXT NOT NULL CHECK (to_status IN ('CALCULATED', 'APPROVED', 'LOCKED')),
  actor         TEXT NOT NULL,
  reason        TEXT NOT NULL DEFAULT '',
  run_id        BIGINT NOT NULL REFERENCES calc_runs (run_id),
  create_time   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX period_transitions_period ON period_transitions (period, transition_id);

CREATE FUNCTION calc_periods_keep_locked() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'LOCKED' THEN
    RAISE EXCEPTION 'period % is locked: its published results never change', OLD.period
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER calc_periods_locked
  BEFORE UPDATE OR DELETE ON calc_periods
  FOR EACH ROW EXECUTE FUNCTION calc_periods_keep_locked();

-- Statements of a locked period's published run are immutable as well.
CREATE FUNCTION statements_keep_locked() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM calc_periods p
             WHERE p.published_run_id = OLD.run_id AND p.status = 'LOCKED') THEN
    RAISE EXCEPTION 'statements of a locked period never change'
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER statements_locked
  BEFORE UPDATE OR DELETE ON statements
  FOR EACH ROW EXECUTE FUNCTION statements_keep_locked();
