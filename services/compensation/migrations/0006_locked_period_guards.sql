-- Closes the gaps of 0004's guards: a locked period's published statements also refuse new
-- rows and rows moved into them, and the published run of a locked period (what true-ups
-- compare against: its import watermark and input digest) never changes.

CREATE OR REPLACE FUNCTION statements_keep_locked() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
       SELECT 1 FROM calc_periods p WHERE p.published_run_id = OLD.run_id AND p.status = 'LOCKED') THEN
    RAISE EXCEPTION 'statements of a locked period never change'
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (
       SELECT 1 FROM calc_periods p WHERE p.published_run_id = NEW.run_id AND p.status = 'LOCKED') THEN
    RAISE EXCEPTION 'statements of a locked period never change'
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER statements_locked ON statements;
CREATE TRIGGER statements_locked
  BEFORE INSERT OR UPDATE OR DELETE ON statements
  FOR EACH ROW EXECUTE FUNCTION statements_keep_locked();

CREATE FUNCTION calc_runs_keep_locked() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM calc_periods p
             WHERE p.published_run_id = OLD.run_id AND p.status = 'LOCKED') THEN
    RAISE EXCEPTION 'the published run of a locked period never changes'
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER calc_runs_locked
  BEFORE UPDATE OR DELETE ON calc_runs
  FOR EACH ROW EXECUTE FUNCTION calc_runs_keep_locked();

CREATE FUNCTION refuse_truncate() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% holds published results: it is never truncated', TG_TABLE_NAME
    USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER calc_periods_no_truncate BEFORE TRUNCATE ON calc_periods
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER statements_no_truncate BEFORE TRUNCATE ON statements
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER calc_runs_no_truncate BEFORE TRUNCATE ON calc_runs
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
