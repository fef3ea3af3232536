-- wrk script for feed.sh: GET /api/v1/feed?<query> with a bearer token.
--   wrk ... -s feed.lua http://127.0.0.1:18081 -- <token> <query>
local path

function init(args)
  wrk.headers["Authorization"] = "Bearer " .. args[1]
  wrk.headers["Accept"] = "application/json"
  path = "/api/v1/feed?" .. args[2]
end

function request()
  return wrk.format("GET", path)
end
