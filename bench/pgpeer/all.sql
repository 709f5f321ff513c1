-- all.sql makes pgbench ask the PostgreSQL peer of bench/pgpeer every
-- territory on a day, the query bench/pgpeer prepares ("all"): a random
-- day in 1600–2000, sent as the statement's parameter (-M prepared).
\set d random(0, 401 * 365 - 1)
SELECT territory, holders, mode, since, label, basis FROM holding WHERE during @> '1600-01-01'::date + (:d)::int;
