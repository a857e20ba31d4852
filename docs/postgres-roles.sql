-- Herald on PostgreSQL with least privilege: an owner role that owns the database and runs
-- migrations (`herald-cli init`), and an application role for the consoles and `herald-cli run`,
-- which may read and write rows but never change the schema. Run it as a superuser (or a role
-- with CREATEROLE and CREATEDB) with psql, choosing the names and passwords:
--
--   psql -v ON_ERROR_STOP=1 -v db=herald -v owner=herald_owner -v owner_password='…' \
--        -v app=herald_app -v app_password='…' -f docs/postgres-roles.sql
--
-- It is safe to run again: roles and database are created only when missing, and the grants
-- are repeated, so it also brings an existing database made by hand in line. Then:
--   herald-cli --db 'postgresql://herald_owner:…@host/herald?sslmode=verify-full' init
--   HERALD_DB='postgresql://herald_app:…@host/herald?sslmode=verify-full'   (consoles, run)
-- tests/security/test_pgleastprivilege.cpp runs this very file.

SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') AS create_owner,
       NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') AS create_app,
       NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') AS create_db \gset

\if :create_owner
CREATE ROLE :"owner" LOGIN;
\endif
\if :create_app
CREATE ROLE :"app" LOGIN;
\endif
ALTER ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
ALTER ROLE :"app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';

\if :create_db
CREATE DATABASE :"db" OWNER :"owner" ENCODING 'UTF8' TEMPLATE template0;
\endif

-- Nobody else may connect or create temporary tables; the application only connects.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"app";

\connect :"db"

-- The schema belongs to the owner; the application may use what is in it, not add to it.
ALTER SCHEMA public OWNER TO :"owner";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";

-- Everything the owner's migrations create from now on...
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT EXECUTE ON FUNCTIONS TO :"app";
-- ...and everything they already created (an existing database).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO :"app";
