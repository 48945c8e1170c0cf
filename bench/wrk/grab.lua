-- POST /api/v1/envelopes/<envelope_id>/grab, each request a different (envelope, user)
-- pair from BENCH_REQUESTS, "<envelope_id> <token>" per line, the lines in envelope
-- order, so the crowd of connections works through one envelope at a time. Every line
-- is sent once (a repeat would be a 409, not a grab); a thread that runs out stops, and
-- bench/run.py reports the pool as exhausted. Answers are counted by status, so the run
-- can check every 201 against the database.
local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
setup, done = report.setup, report.done

local next_request

function init(args)
  next_request = report.each_once(report.load(os.getenv("BENCH_REQUESTS"), function(line)
    local envelope_id, token = line:match("^(%S+)%s+(%S+)$")
    return wrk.format("POST", "/api/v1/envelopes/" .. envelope_id .. "/grab",
                      { ["Authorization"] = "Bearer " .. token, ["Content-Length"] = "0" })
  end))
end

function request()
  return next_request()
end

response = report.count_status
