-- wrk script for bench/load.bench.ts: each request takes the next path of the file named by the
-- PATHS environment variable (one path per line); each thread starts at a different place, so a
-- run walks the whole list whatever its length.
local paths = {}
local next_path = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  for line in io.lines(os.getenv("PATHS")) do
    paths[#paths + 1] = line
  end
  next_path = (id * 7919) % #paths
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format(nil, paths[next_path], { ["Accept-Encoding"] = "gzip" })
end
