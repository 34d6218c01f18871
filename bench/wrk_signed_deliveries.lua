-- wrk script for build/bench/webhook_ingest: POSTs pre-signed Pinpoint webhook deliveries.
--
--   wrk -t2 -c64 -d3s --latency -s bench/wrk_signed_deliveries.lua URL -- PREFIX HEADER
--
-- Thread N (1, 2, ...) reads PREFIX.N, one delivery a line: "<signature>\t<json body>\n". The
-- bench writes a fresh file per thread and run, so no two requests carry the same body (a repeat
-- would be a duplicate: answered 2xx but not stored). Signing happens in the bench, before wrk
-- starts, so wrk spends its CPU on HTTP only.
--
-- init() only reads the file into one string: wrk starts each thread as soon as its init returns,
-- so a slow init would give the first thread a head start inside the measured time. request()
-- slices the next line out of that string instead.
--
-- done() prints one machine-readable line that the bench parses:
--   RESULT requests=N non2xx=N socket_errors=N duration_us=N p50_us=N p99_us=N reused=N
-- non2xx is wrk's status error count (answers >= 400; this server sends no 1xx or 3xx here);
-- reused counts requests sent after a thread ran out of bodies and started over (duplicates).

local next_thread_id = 1
local threads = {}

function setup(thread)
  thread:set("id", next_thread_id)
  next_thread_id = next_thread_id + 1
  table.insert(threads, thread)
end

function init(args)
  local prefix, header = args[1], args[2]
  local file = assert(io.open(prefix .. "." .. id, "rb"))
  deliveries = file:read("*a")
  file:close()
  assert(#deliveries > 0, "no deliveries in " .. prefix .. "." .. id)
  signature_header = header
  position = 1
  wrapped = false
  reused_requests = 0
end

function request()
  if position > #deliveries then
    position = 1
    wrapped = true  -- from here on every body repeats one this thread already sent
  end
  if wrapped then reused_requests = reused_requests + 1 end
  local tab = deliveries:find("\t", position, true)
  local newline = deliveries:find("\n", tab, true)
  local signature = deliveries:sub(position, tab - 1)
  local body = deliveries:sub(tab + 1, newline - 1)
  position = newline + 1
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    [signature_header] = signature,
  }, body)
end

function done(summary, latency, requests)
  local reused_total = 0
  for _, thread in ipairs(threads) do
    reused_total = reused_total + thread:get("reused_requests")
  end
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d non2xx=%d socket_errors=%d duration_us=%d p50_us=%d p99_us=%d reused=%d\n",
    summary.requests, errors.status, errors.connect + errors.read + errors.write + errors.timeout,
    summary.duration, latency:percentile(50), latency:percentile(99), reused_total))
end
