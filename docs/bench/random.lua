-- wrk script: GET a random thread per request. NATTER_BENCH_PATH is the
-- path with %d for the thread number, NATTER_BENCH_THREADS how many there
-- are (/bench/0 … /bench/N-1). Headers come from wrk -H.
local path = os.getenv("NATTER_BENCH_PATH") or "/?uri=/bench/%d"
local threads = tonumber(os.getenv("NATTER_BENCH_THREADS") or "10000")

function setup(thread)
  thread:set("id", math.random(1, 1000000))
end

function init(args)
  math.randomseed(os.time() + (id or 0)) -- other threads each round
end

request = function()
  return wrk.format(nil, string.format(path, math.random(0, threads - 1)))
end
