-- POST /webhooks/wechatpay/notify, each request a different signed v2 notification
-- (its own order and transaction id) from BENCH_REQUESTS, one XML body per line.
-- Every body is sent once: a repeat would be a duplicate that issues no policy, so a
-- thread that runs out stops (bench/run.py then reports the pool as exhausted).
local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
setup, done = report.setup, report.done

local next_request

function init(args)
  local headers = { ["Content-Type"] = "text/xml" }
  next_request = report.each_once(report.load(os.getenv("BENCH_REQUESTS"), function(body)
    return wrk.format("POST", "/webhooks/wechatpay/notify", headers, body)
  end))
end

function request()
  return next_request()
end
