-- GET /api/v1/policies/<policy_no> by its owner: BENCH_REQUESTS holds
-- "<policy_no> <token>" per line; the requests cycle through the file.
local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
setup, done = report.setup, report.done

local requests, i

function init(args)
  requests = report.load(os.getenv("BENCH_REQUESTS"), function(line)
    local policy_no, token = line:match("^(%S+)%s+(%S+)$")
    return wrk.format("GET", "/api/v1/policies/" .. policy_no, { ["Authorization"] = "Bearer " .. token })
  end)
  i = 0
end

function request()
  i = i % #requests + 1
  return requests[i]
end
