-- Every request gets a query parameter of its own (?uncached=<run>.<thread>.<n>), so
-- no page comes from a cache keyed by its address: the cost of building it.
-- Pass a run id after "--" so that a warm-up run leaves nothing for the next.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "wrk_report.lua")

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local count, run, separator = 0, "0", "?"
function init(args)
  run = args[1] or "0"
  separator = wrk.path:find("?", 1, true) and "&" or "?"
end

function request()
  count = count + 1
  local path = wrk.path .. separator .. "uncached=" .. run .. "." .. thread_id .. "." .. count
  return wrk.format(nil, path)
end
