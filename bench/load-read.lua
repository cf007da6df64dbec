-- wrk script for bench/load.sh: GET <prefix><id> over random tenant ids, signed in by one header.
-- Usage: wrk -t2 -c32 -d30s -s bench/load-read.lua URL -- PREFIX IDS_FILE "Name: value"
local ids, prefix, header, value = {}, "/tenants/", "", ""

function init(args)
  prefix = args[1]
  header, value = string.match(args[3], "^([^:]+): (.*)$")
  for line in io.lines(args[2]) do ids[#ids + 1] = line end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", prefix .. id, { [header] = value })
end

function done(summary, latency, requests)
  io.write(string.format("%8d requests %7.0f/s  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  errors %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
