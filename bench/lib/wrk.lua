-- wrk's script for every bench. Prints wrk's result as one JSON line (latencies in microseconds), so the harness does
-- not parse wrk's prose. The harness shapes requests through the environment (wrk has no other way in with -t1):
--   BENCH_METHOD, BENCH_BODY        the method and JSON body of every request (a write)
--   BENCH_FIRST_ID                  appended to the URL's path, one more each request: a document no request read before
--   BENCH_TRACEPARENT_SAMPLED       a W3C traceparent on every request, sampled on this fraction, as a gateway sends it
--   BENCH_STOP_AFTER                stop after this many responses (a warm-up of a fixed number of requests)
-- Without them wrk sends its default GET, the cheapest load it can make.
local method = os.getenv("BENCH_METHOD")
local body = os.getenv("BENCH_BODY")
local next_id = tonumber(os.getenv("BENCH_FIRST_ID") or "")
local sampled = tonumber(os.getenv("BENCH_TRACEPARENT_SAMPLED") or "")
local stop_after = tonumber(os.getenv("BENCH_STOP_AFTER") or "")

if method or next_id or sampled then
  local headers = {}
  if body then
    headers["Content-Type"] = "application/json"
  end
  math.randomseed(os.time())

  local function hex(digits)
    local parts = {}
    for i = 1, digits / 4 do
      parts[i] = string.format("%04x", math.random(0, 65535))
    end
    return table.concat(parts)
  end

  function request()
    local path = wrk.path
    if next_id then
      path = path .. next_id
      next_id = next_id + 1
    end
    if sampled then
      headers["traceparent"] = "00-" .. hex(32) .. "-" .. hex(16) .. (math.random() < sampled and "-01" or "-00")
    end
    return wrk.format(method, path, headers, body)
  end
end

if stop_after then
  local seen = 0
  function response()
    seen = seen + 1
    if seen >= stop_after then
      wrk.thread:stop()
    end
  end
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format('{"requests":%d,"seconds":%.6f,"errors":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration / 1e6, errors, latency:percentile(50), latency:percentile(99)))
end
