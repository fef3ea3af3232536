-- wrk script: GET /api/v1/members/{id} for ids drawn uniformly from 1..MAX with a bearer token.
-- Usage: wrk -t2 -c16 -d30s -s members.lua http://localhost:8080 -- <token> <max-id>
local token, max

init = function(args)
  token = args[1]
  max = tonumber(args[2])
  math.randomseed(42 + tonumber(tostring({}):sub(8), 16) % 1000)
end

request = function()
  local id = math.random(1, max)
  return wrk.format("GET", "/api/v1/members/" .. id, { ["Authorization"] = "Bearer " .. token })
end

response = function(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
