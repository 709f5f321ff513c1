-- one.lua makes wrk ask treatyline's HTTP API one territory on a day:
-- GET /api/v1/asof?date=D&territory=T, a random territory of the
-- synthetic system (territory/synth-0 … territory/synth-N-1) on a random
-- day in 1600–2000, as bench/pgpeer's Go client and pgbench's one.sql
-- ask. The requests are formatted before the run (10,000 a thread, taken
-- in turn), so that the client's work per request is sending bytes and
-- reading the answer, which wrk does not parse beyond its HTTP framing.
--
-- TERRITORIES (environment) is the system's number of territories.

local territories = tonumber(os.getenv("TERRITORIES") or "500")
local requests = {}
local turn = 0
local threads = 0

function setup(thread)
	thread:set("seed", 1858 + threads)
	threads = threads + 1
end

function init(args)
	math.randomseed(seed or 1858)
	-- 1600-01-01 in seconds from 1970-01-01 (UTC).
	local epoch1600 = -11676096000
	for k = 1, 10000 do
		local t = math.random(0, territories - 1)
		local d = math.random(0, 401 * 365 - 1)
		local day = os.date("!%Y-%m-%d", epoch1600 + d * 86400)
		requests[k] = wrk.format("GET", "/api/v1/asof?date=" .. day .. "&territory=territory%2Fsynth-" .. t)
	end
end

function request()
	turn = turn % #requests + 1
	return requests[turn]
end

-- done prints a line for bench/pgpeer.sh: the p50 and p99 latencies in
-- µs from wrk's histogram, the answers, the run's length in µs and the
-- answers other than 200 and errors. wrk's own "Avg" latency is not
-- used: it disagrees with the answers per second (wrk issue #114), so
-- the script gives the mean as connections × run time ÷ answers.
function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("summary %d %d %d %d %d\n", latency:percentile(50), latency:percentile(99),
		summary.requests, summary.duration, e.status + e.connect + e.read + e.write + e.timeout))
end
