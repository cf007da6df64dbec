-- wrk script for bench/manager-day.sh: GET a random path of a file (one per line), signed in by one header.
-- Usage: wrk -t2 -c32 -d30s -s bench/load-urls.lua URL -- PATHS_FILE "Name: value"
local paths, header, value = {}, "", ""

function init(args)
  header, value = string.match(args[2], "^([^:]+): (.*)$")
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], { [header] = value })
end

function done(summary, latency, requests)
  io.write(string.format("%8d requests %7.0f/s  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  errors %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
