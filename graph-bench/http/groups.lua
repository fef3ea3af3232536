-- wrk script for groups.sh: GET <path> with a bearer token.
--   wrk ... -s groups.lua http://127.0.0.1:18083 -- <token> <path with query>
local path

function init(args)
  wrk.headers["Authorization"] = "Bearer " .. args[1]
  wrk.headers["Accept"] = "application/json"
  path = args[2]
end

function request()
  return wrk.format("GET", path)
end
