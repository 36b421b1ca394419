-- GET a project's OCDS record package, a different project each request, from the paths in BENCH_PATHS (one a line).
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
