-- GET /healthz: wrk's static request (no per-request Lua), so the baseline costs the
-- load generator as little as possible. Only the summary line comes from Lua.
local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
done = report.done
