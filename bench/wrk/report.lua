-- Shared by the bench scripts: one machine-readable summary line for bench/run.py, and
-- a helper that reads a request file (one request per line) and formats every request
-- up front, so that wrk's hot loop only picks the next prebuilt string.
local M = {}

-- The threads, for done() to collect what each counted (scripts that set response =
-- M.count_status); a script without a response() keeps wrk's fast path.
local threads = {}

function M.done(summary, latency, requests)
  local e = summary.errors
  local counts, statuses, samples = {}, {}, {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses") or {}) do
      counts[status] = (counts[status] or 0) + n
    end
    for _, body in ipairs(thread:get("samples") or {}) do
      samples[#samples + 1] = '"' .. body:sub(1, 300):gsub('[%c"\\]', " ") .. '"'
    end
  end
  for status, n in pairs(counts) do
    statuses[#statuses + 1] = string.format('"%d":%d', status, n)
  end
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f},"statuses":{%s},'
      .. '"error_samples":[%s]}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    table.concat(statuses, ","), table.concat(samples, ",")))
end

-- Threads split the file: thread k of n takes lines k, k+n, k+2n, ...
local thread_count = 0
function M.setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
  threads[#threads + 1] = thread
end

-- Answers by status, per thread (summed over the threads in done()), and the first few
-- bodies of error answers (what went wrong).
statuses, samples = {}, {}
function M.count_status(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 400 and #samples < 3 then
    samples[#samples + 1] = body
  end
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

-- The next request of a pool in which each is sent once (a repeat would not be the same
-- work: a duplicate notification, a 409 grab). A thread that runs out says so (bench/run.py
-- reports the pool as exhausted) and stops; what it sends meanwhile is not counted.
function M.each_once(requests)
  local i = 0
  return function()
    i = i + 1
    if i > #requests then
      if i == #requests + 1 then
        io.stderr:write("BENCH_EXHAUSTED\n")
        wrk.thread:stop()
      end
      return requests[#requests]
    end
    return requests[i]
  end
end

return M
