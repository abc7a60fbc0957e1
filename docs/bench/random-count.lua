-- wrk script: POST /count with 20 random thread URIs per request (of
-- /bench/0 … /bench/N-1, N = NATTER_BENCH_THREADS), as count.min.js
-- batches the comment links of a page.
local threads = tonumber(os.getenv("NATTER_BENCH_THREADS") or "10000")

function setup(thread)
  thread:set("id", math.random(1, 1000000))
end

function init(args)
  math.randomseed(os.time() + (id or 0)) -- other threads each round
end

request = function()
  local uris = {}
  for i = 1, 20 do uris[i] = string.format('"/bench/%d"', math.random(0, threads - 1)) end
  return wrk.format("POST", "/count", {["Content-Type"] = "application/json"}, "[" .. table.concat(uris, ",") .. "]")
end
