-- wrk script: an analyst's token on every request, paths drawn from a file (one a line), and a closing line
-- of figures the runner parses: requests, seconds, non-2xx answers, socket errors, p50/p95/p99 in microseconds.
local paths = {}
local token = os.getenv("BENCH_TOKEN")
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end

local counter = 0
request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  return wrk.format("GET", path, { ["Authorization"] = "Token " .. token, ["Accept"] = "application/json" })
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("BENCH %d %.3f %d %d %d %d %d\n",
    summary.requests, summary.duration / 1e6, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
