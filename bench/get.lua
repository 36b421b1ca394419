-- GET one path, as an API caller (TOKEN: a bearer token) or a signed-in browser (COOKIE: the session's cookies).
local path, token, cookie = os.getenv("BENCH_PATH"), os.getenv("TOKEN"), os.getenv("COOKIE")
local headers = {}
if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end
if cookie and cookie ~= "" then headers["Cookie"] = cookie end
request = function()
  return wrk.format("GET", path, headers)
end
