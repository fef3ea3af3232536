-- wrk script: GET /api/v1/tokens/current, the cheapest authenticated endpoint (one token lookup).
-- Usage: wrk -t2 -c16 -d30s -s trivial.lua http://localhost:8080 -- <token>
local token

init = function(args)
  token = args[1]
end

request = function()
  return wrk.format("GET", "/api/v1/tokens/current", { ["Authorization"] = "Bearer " .. token })
end

response = function(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
