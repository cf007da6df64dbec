-- wrk script for bench/manager-day.sh: GET a random path of a file (one per line), signed in by one header.
-- Usage: wrk -t2 -c32 -d30s -s bench/load-urls.lua URL -- PATHS_FILE "Name: value"
-- Signed in by a cookie, it keeps the cookies the portal sets as a browser does: the sign-in cookie the portal renews
-- after checking the user's security stamp (once a minute) and the antiforgery cookie of pages with forms. Sent the
-- first cookie for ever, the portal would check the stamp and issue both cookies again on every request.
local paths, header, value = {}, "", ""
local jar = {}

local function cookies()
  local parts = {}
  for name, v in pairs(jar) do parts[#parts + 1] = name .. "=" .. v end
  return table.concat(parts, "; ")
end

function init(args)
  header, value = string.match(args[2], "^([^:]+): (.*)$")
  if header == "Cookie" then
    for name, v in string.gmatch(value, "([^=; ]+)=([^;]*)") do jar[name] = v end
  end
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], { [header] = value })
end

function response(status, headers, body)
  local set = headers["Set-Cookie"] or headers["set-cookie"]
  if header == "Cookie" and set then
    local name, v = string.match(set, "^%s*([^=;]+)=([^;]*)")
    if name and jar[name] ~= v then
      jar[name] = v
      value = cookies()
    end
  end
end

function done(summary, latency, requests)
  io.write(string.format("%8d requests %7.0f/s  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  errors %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
