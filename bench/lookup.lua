-- Cycles through (tracking number, last four) pairs read from pairs.txt.
local pairs = {}
for line in io.lines(os.getenv("PAIRS") or "pairs.txt") do
  local n, l = line:match("([^,]+),([^,]+)")
  pairs[#pairs + 1] = "/api/v1/applications/lookup?trackingNumber=" .. n .. "&last4=" .. l
end
local i = 0
request = function()
  i = i % #pairs + 1
  return wrk.format("GET", pairs[i])
end
