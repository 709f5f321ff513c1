-- one.sql makes pgbench ask the PostgreSQL peer of bench/pgpeer one
-- territory on a day, the query bench/pgpeer prepares ("one"): a random
-- territory of the synthetic system on a random day in 1600–2000. Run
-- with -M prepared and -D territories=N; the territory's id and the day
-- are made from the two numbers in the statement, which pgbench sends as
-- its parameters.
\set t random(0, :territories - 1)
\set d random(0, 401 * 365 - 1)
SELECT territory, holders, mode, since, label, basis FROM holding WHERE territory = 'territory/synth-' || (:t)::text AND during @> '1600-01-01'::date + (:d)::int;
