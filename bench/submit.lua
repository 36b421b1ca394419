-- Window staff submit applications on behalf of residents read from residents.txt.
local ids = {}
for line in io.lines(os.getenv("RESIDENTS") or "residents.txt") do ids[#ids + 1] = line end
local token = os.getenv("TOKEN")
local i = 0
request = function()
  i = i % #ids + 1
  local body = '{"itemCode":"RS-002","residentID":"' .. ids[i] .. '","channel":"window"}'
  return wrk.format("POST", "/api/v1/applications", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
