-- wrk script: GET one path with credentials; "{id}" in the path is replaced by a member id drawn
-- uniformly from 1..MAX on each request.
-- Usage: wrk -t2 -c16 -d10s -s endpoint.lua http://localhost:8080 -- <path> <max-id> <token|-> [cookie]
local path, max, token, cookie

init = function(args)
  path = args[1]
  max = tonumber(args[2])
  token = args[3]
  cookie = args[4]
  math.randomseed(42 + tonumber(tostring({}):sub(8), 16) % 1000)
end

request = function()
  local headers = {}
  if token ~= nil and token ~= "-" then
    headers["Authorization"] = "Bearer " .. token
  end
  if cookie ~= nil and cookie ~= "" then
    headers["Cookie"] = cookie
  end
  local p = path:gsub("{id}", tostring(math.random(1, max)))
  return wrk.format("GET", p, headers)
end

response = function(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
