-- Cycles through the paths given after "--", one request each in turn:
--   wrk -t1 -c8 -d5s -s bench/mixed.lua http://127.0.0.1:8080 -- /lv/ '/api/v1/search?q=baterijas&lang=lv'
local paths = {}
local next_path = 0

function init(args)
    -- args[0] is the URL, the paths follow.
    for i = 1, #args do table.insert(paths, args[i]) end
    if #paths == 0 then error("mixed.lua needs paths: wrk ... -s bench/mixed.lua URL -- PATH...") end
end

function request()
    next_path = next_path % #paths + 1
    return wrk.format(nil, paths[next_path])
end
