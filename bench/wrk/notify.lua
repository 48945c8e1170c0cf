-- POST /webhooks/wechatpay/notify, each request a different signed v2 notification
-- (its own order and transaction id) from BENCH_REQUESTS, one XML body per line.
-- Every body is sent once: a repeat would be a duplicate that issues no policy, so a
-- thread that runs out stops (bench/run.py then reports the pool as exhausted).
local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
setup, done = report.setup, report.done

local requests, i

function init(args)
  local headers = { ["Content-Type"] = "text/xml" }
  requests = report.load(os.getenv("BENCH_REQUESTS"), function(body)
    return wrk.format("POST", "/webhooks/wechatpay/notify", headers, body)
  end)
  i = 0
end

function request()
  i = i + 1
  if i > #requests then
    if i == #requests + 1 then
      io.stderr:write("BENCH_EXHAUSTED\n")
      wrk.thread:stop()
    end
    return requests[#requests] -- in flight as the thread stops: answered as a duplicate
  end
  return requests[i]
end
