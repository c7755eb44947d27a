-- Creates Attain's database, one login role and one schema per service, and the isolation
-- between them. Safe to run any number of times, as a superuser, against any database:
--
--   psql -v ON_ERROR_STOP=1 -d postgres -f deploy/postgres/bootstrap.sql
--
-- Passwords are optional; set one per role with e.g. `-v planning_password=...`. Local
-- development (deploy/local) uses trust authentication on 127.0.0.1 of a private cluster and
-- sets none. A role without a password variable keeps whatever password it already has.
--
-- Contract: role attain_<svc> owns schema <svc>, finds it first on its search_path, and can
-- neither use another service's schema nor create anything outside its own (no CREATE/TEMP on
-- the database, no privileges on schema public). Services talk to each other over gRPC only.

\set QUIET on

SELECT 'CREATE DATABASE attain ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'attain')
\gexec

DO $$
DECLARE
  svc text;
BEGIN
  FOREACH svc IN ARRAY ARRAY['planning', 'compensation', 'workflow', 'analytics'] LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'attain_' || svc) THEN
      EXECUTE format('CREATE ROLE %I', 'attain_' || svc);
    END IF;
    -- Re-asserted every run so a hand-edited role converges back to the contract.
    EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS',
                   'attain_' || svc);
    EXECUTE format('ALTER ROLE %I SET search_path = %I', 'attain_' || svc, svc);
  END LOOP;
END
$$;

\if :{?planning_password}
ALTER ROLE attain_planning PASSWORD :'planning_password';
\endif
\if :{?compensation_password}
ALTER ROLE attain_compensation PASSWORD :'compensation_password';
\endif
\if :{?workflow_password}
ALTER ROLE attain_workflow PASSWORD :'workflow_password';
\endif
\if :{?analytics_password}
ALTER ROLE attain_analytics PASSWORD :'analytics_password';
\endif

-- Database level: nobody but the four services (and superusers) may connect, and nobody may
-- create schemas or temporary tables.
REVOKE ALL ON DATABASE attain FROM PUBLIC;
GRANT CONNECT ON DATABASE attain
  TO attain_planning, attain_compensation, attain_workflow, attain_analytics;

\connect attain

REVOKE ALL ON SCHEMA public FROM PUBLIC;

DO $$
DECLARE
  svc text;
BEGIN
  FOREACH svc IN ARRAY ARRAY['planning', 'compensation', 'workflow', 'analytics'] LOOP
    IF NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = svc) THEN
      EXECUTE format('CREATE SCHEMA %I AUTHORIZATION %I', svc, 'attain_' || svc);
    END IF;
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', svc, 'attain_' || svc);
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', svc);
  END LOOP;
END
$$;
