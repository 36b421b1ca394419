local token = os.getenv("TOKEN")
request = function()
  return wrk.format("GET", "/api/v1/applications?due=overdue", {["Authorization"] = "Bearer " .. token})
end
