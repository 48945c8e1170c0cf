-- Shared by the bench scripts: one machine-readable summary line for bench/run.py, and
-- a helper that reads a request file (one request per line) and formats every request
-- up front, so that wrk's hot loop only picks the next prebuilt string.
local M = {}

function M.done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end

-- Threads split the file: thread k of n takes lines k, k+n, k+2n, ...
local thread_count = 0
function M.setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
end

function M.load(path, build)
  local index = thread_index or 0
  local threads = tonumber(os.getenv("BENCH_WRK_THREADS") or "1")
  local out, n = {}, 0
  for line in io.lines(path) do
    if n % threads == index then
      out[#out + 1] = build(line)
    end
    n = n + 1
  end
  return out
end

return M
